import { RESTJSONErrorCodes as C, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { ApiError, Errors } from '../../errors.ts';
import { type RestRoute, type RouteContext, requireApp } from '../../http/route.ts';
import { clearReactions } from '../../world/reactions.ts';
import { userPayload } from '../../world/serialize.ts';
import { cannotActOnDm, channelMessage, requirePerm, visibleChannel } from '../access.ts';
import { queryInt, querySnowflake } from '../input.ts';

/** Discord's cap on distinct emojis per message. */
const MAX_DISTINCT = 20;

/** A unicode emoji: pictographs, flags and keycaps, with their joiners, variation selectors and skin tones. */
const UNICODE_EMOJI =
	/^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier}|\u200d|\ufe0f|[#*0-9]\ufe0f?\u20e3)+$/u;
const PICTOGRAPH = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

/**
 * The `:emoji` of a reaction route: a URL-encoded unicode emoji or `name:id` for a custom one.
 * The emulator has no custom emojis, so those (and anything that is not an emoji) are 10014.
 */
function emojiOf(raw: string): string {
	let name = raw;
	if (name.includes('%'))
		try {
			name = decodeURIComponent(name);
		} catch {
			throw Errors.unknownEmoji();
		}
	if (!UNICODE_EMOJI.test(name) || !PICTOGRAPH.test(name)) throw Errors.unknownEmoji();
	return name;
}

/** The message of a reaction route; every reaction route needs Read Message History. */
function target(ctx: RouteContext) {
	const { channel, guild, perms } = visibleChannel(ctx, ctx.params.channel_id as string);
	requirePerm(perms, P.ReadMessageHistory);
	const message = channelMessage(channel, ctx.params.message_id as string);
	return { channel, guild, perms, message };
}

/** Removing other people's reactions: Manage Messages in a guild, impossible in a DM (50003). */
function requireModeration(guild: unknown, perms: bigint): void {
	if (!guild) throw cannotActOnDm();
	requirePerm(perms, P.ManageMessages);
}

const add: RestRoute['handler'] = (ctx) => {
	const { channel, perms, message } = target(ctx);
	const emoji = emojiOf(ctx.params.emoji as string);
	if (!message.reactions.has(emoji)) {
		// A new emoji on the message needs Add Reactions; joining an existing one does not.
		requirePerm(perms, P.AddReactions);
		if (message.reactions.size >= MAX_DISTINCT)
			throw new ApiError(400, C.MaximumNumberOfReactionsReached, 'Maximum number of reactions reached (20)');
	}
	ctx.world.addReaction(channel.id, message.id, requireApp(ctx).botUserId, { id: null, name: emoji });
	return undefined;
};

const removeOwn: RestRoute['handler'] = (ctx) => {
	const { channel, message } = target(ctx);
	ctx.world.removeReaction(channel.id, message.id, requireApp(ctx).botUserId, emojiOf(ctx.params.emoji as string));
	return undefined;
};

const removeUser: RestRoute['handler'] = (ctx) => {
	const { channel, guild, perms, message } = target(ctx);
	const emoji = emojiOf(ctx.params.emoji as string);
	const userId = ctx.params.user_id as string;
	if (userId !== requireApp(ctx).botUserId) requireModeration(guild, perms);
	ctx.world.removeReaction(channel.id, message.id, userId, emoji);
	return undefined;
};

/** Users who reacted with an emoji, by ascending id, `after` a user id. */
const users: RestRoute['handler'] = (ctx) => {
	const { message } = target(ctx);
	const emoji = emojiOf(ctx.params.emoji as string);
	const limit = queryInt(ctx.query, 'limit', 1, 100, 25);
	const after = querySnowflake(ctx.query, 'after');
	// Burst (super) reactions are not emulated: type 1 lists nobody.
	if (queryInt(ctx.query, 'type', 0, 1, 0) === 1) return [];
	return [...(message.reactions.get(emoji)?.users ?? [])]
		.map(BigInt)
		.filter((id) => after === null || id > after)
		.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
		.slice(0, limit)
		.map((id) => userPayload(ctx.world.user(id.toString())));
};

/** DELETE …/reactions (all) and DELETE …/reactions/:emoji (one emoji), each with its own gateway event. */
const clear: RestRoute['handler'] = (ctx) => {
	const { channel, guild, perms, message } = target(ctx);
	requireModeration(guild, perms);
	const only = ctx.params.emoji === undefined ? null : emojiOf(ctx.params.emoji);
	clearReactions(ctx.world, channel.id, message.id, only);
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
