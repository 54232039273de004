import { GatewayDispatchEvents as E, GatewayIntentBits as I, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { Errors } from '../../errors.ts';
import { type RestRoute, type RouteContext, requireApp } from '../../http/route.ts';
import { userPayload } from '../../world/serialize.ts';
import { requirePerm, visibleChannel } from '../access.ts';

/** `✅` or `name:id`; the emulator has no custom emojis, so a custom one is unknown (10014). */
function emojiOf(raw: string): { id: null; name: string } {
	let decoded = raw;
	try {
		decoded = decodeURIComponent(raw);
	} catch {
		// already decoded by the router
	}
	if (/^[\w-]+:\d+$/.test(decoded) || decoded.length === 0) throw Errors.unknownEmoji();
	return { id: null, name: decoded };
}

function target(ctx: RouteContext) {
	const { channel, guild, perms } = visibleChannel(ctx, ctx.params.channel_id as string);
	requirePerm(perms, P.ReadMessageHistory);
	const message = ctx.world.message(channel.id, ctx.params.message_id as string);
	return { channel, guild, perms, message };
}

const add: RestRoute['handler'] = (ctx) => {
	const { channel, perms, message } = target(ctx);
	const emoji = emojiOf(ctx.params.emoji as string);
	if (!message.reactions.has(emoji.name)) requirePerm(perms, P.AddReactions);
	ctx.world.addReaction(channel.id, message.id, requireApp(ctx).botUserId, emoji);
	return undefined;
};

const removeOwn: RestRoute['handler'] = (ctx) => {
	const { channel, message } = target(ctx);
	ctx.world.removeReaction(channel.id, message.id, requireApp(ctx).botUserId, emojiOf(ctx.params.emoji as string).name);
	return undefined;
};

const removeUser: RestRoute['handler'] = (ctx) => {
	const { channel, perms, message } = target(ctx);
	requirePerm(perms, P.ManageMessages);
	ctx.world.removeReaction(
		channel.id,
		message.id,
		ctx.params.user_id as string,
		emojiOf(ctx.params.emoji as string).name,
	);
	return undefined;
};

const users: RestRoute['handler'] = (ctx) => {
	const { message } = target(ctx);
	const entry = message.reactions.get(emojiOf(ctx.params.emoji as string).name);
	const limit = Math.min(100, Math.max(1, Number(ctx.query.get('limit') ?? 25) || 25));
	const after = ctx.query.get('after');
	const ids = [...(entry?.users ?? [])]
		.filter((id) => !after || BigInt(id) > BigInt(after))
		.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
	return ids.slice(0, limit).map((id) => userPayload(ctx.world.user(id)));
};

const clear: RestRoute['handler'] = (ctx) => {
	const { channel, guild, perms, message } = target(ctx);
	requirePerm(perms, P.ManageMessages);
	const only = ctx.params.emoji ? emojiOf(ctx.params.emoji).name : null;
	for (const key of [...message.reactions.keys()]) if (!only || key === only) message.reactions.delete(key);
	ctx.world.dispatch({
		t: only ? E.MessageReactionRemoveEmoji : E.MessageReactionRemoveAll,
		d: {
			channel_id: channel.id,
			message_id: message.id,
			...(guild ? { guild_id: guild.id } : {}),
			...(only ? { emoji: { id: null, name: only } } : {}),
		},
		intent: guild ? I.GuildMessageReactions : I.DirectMessageReactions,
		guildId: guild?.id ?? null,
		appId: null,
	});
	return undefined;
};

const R = '/channels/:channel_id/messages/:message_id/reactions';

export const reactionRoutes: RestRoute[] = [
	{ method: 'PUT', path: `${R}/:emoji/@me`, auth: 'bot', bucket: 'reaction', handler: add },
	{ method: 'DELETE', path: `${R}/:emoji/@me`, auth: 'bot', bucket: 'reaction', handler: removeOwn },
	{ method: 'DELETE', path: `${R}/:emoji/:user_id`, auth: 'bot', bucket: 'reaction', handler: removeUser },
	{ method: 'GET', path: `${R}/:emoji`, auth: 'bot', handler: users },
	{ method: 'DELETE', path: `${R}/:emoji`, auth: 'bot', bucket: 'reaction', handler: clear },
	{ method: 'DELETE', path: R, auth: 'bot', bucket: 'reaction', handler: clear },
];
