import { GatewayDispatchEvents as E, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { Errors, fieldError } from '../../errors.ts';
import { type RestRoute, type RouteContext, requireApp } from '../../http/route.ts';
import { parseMentions, resolvePings } from '../../world/mentions.ts';
import { messagePayload } from '../../world/serialize.ts';
import type { EmMessage } from '../../world/types.ts';
import { requirePerm, visibleChannel } from '../access.ts';
import { type MessageInput, validateMessageInput } from '../message-body.ts';

/** Applies content, embeds and mentions to a message as Discord would store them. */
function applyInput(ctx: RouteContext, message: EmMessage, input: MessageInput, canEmbed: boolean): void {
	const world = ctx.world;
	const channel = world.channel(message.channelId);
	const guild = channel.guildId ? world.guild(channel.guildId) : null;
	if (input.content !== undefined) message.content = input.content ?? '';
	// Without Embed Links Discord drops embeds silently instead of failing.
	if (input.embeds !== undefined) message.embeds = canEmbed ? (input.embeds ?? []) : [];
	if (input.components !== undefined) message.components = (input.components ?? []) as EmMessage['components'];
	if (input.flags != null) message.flags = input.flags;
	const written = parseMentions(message.content);
	message.mentionedUsers = written.users.filter((id) => world.users.has(id));
	message.mentionedRoles = written.roles.filter((id) => guild?.roles.has(id));
	message.allowedMentions = input.allowed_mentions ?? null;
	message.pings = resolvePings(message.content, input.allowed_mentions as never, {
		guild,
		channel,
		authorId: message.authorId,
	});
}

const create: RestRoute['handler'] = (ctx) => {
	const app = requireApp(ctx);
	const { channel, guild, perms } = visibleChannel(ctx, ctx.params.channel_id as string);
	const input = validateMessageInput(ctx.body);
	if (guild) requirePerm(perms, P.SendMessages);
	else {
		const other = ctx.world.user(channel.recipients.find((id) => id !== app.botUserId) as string);
		if (!other.dmsOpen || other.bot) throw Errors.cannotMessageUser();
	}
	let reference: EmMessage['reference'] = null;
	const ref = input.message_reference;
	if (ref?.message_id) {
		const target = channel.messages.get(ref.message_id);
		if (target) reference = { message_id: target.id, channel_id: channel.id, ...(guild ? { guild_id: guild.id } : {}) };
		else if (ref.fail_if_not_exists !== false)
			throw fieldError('message_reference', 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
	}
	const message = ctx.world.newMessage({
		channelId: channel.id,
		authorId: app.botUserId,
		type: reference ? 19 : 0,
		reference,
	});
	applyInput(ctx, message, input, (perms & P.EmbedLinks) !== 0n);
	ctx.world.storeMessage(message);
	return messagePayload(message, ctx.world, app.botUserId);
};

const list: RestRoute['handler'] = (ctx) => {
	const { channel, perms } = visibleChannel(ctx, ctx.params.channel_id as string);
	requirePerm(perms, P.ReadMessageHistory);
	const limit = Number(ctx.query.get('limit') ?? 50);
	if (!Number.isInteger(limit) || limit < 1 || limit > 100)
		throw fieldError('limit', 'NUMBER_TYPE_MAX', 'Must be between 1 and 100.');
	let all = [...channel.messages.values()].filter((m) => !(m.flags & 64));
	const before = ctx.query.get('before');
	const after = ctx.query.get('after');
	const around = ctx.query.get('around');
	if (before) all = all.filter((m) => BigInt(m.id) < BigInt(before)).slice(-limit);
	else if (after) all = all.filter((m) => BigInt(m.id) > BigInt(after)).slice(0, limit);
	else if (around) {
		const i = all.findIndex((m) => BigInt(m.id) >= BigInt(around));
		const start = Math.max(0, (i === -1 ? all.length : i) - Math.floor(limit / 2));
		all = all.slice(start, start + limit);
	} else all = all.slice(-limit);
	return all.reverse().map((m) => messagePayload(m, ctx.world, requireApp(ctx).botUserId));
};

const get: RestRoute['handler'] = (ctx) => {
	const { channel, perms } = visibleChannel(ctx, ctx.params.channel_id as string);
	requirePerm(perms, P.ReadMessageHistory);
	const message = channel.messages.get(ctx.params.message_id as string);
	if (!message || message.flags & 64) throw Errors.unknownMessage();
	return messagePayload(message, ctx.world, requireApp(ctx).botUserId);
};

const edit: RestRoute['handler'] = (ctx) => {
	const app = requireApp(ctx);
	const { channel, perms } = visibleChannel(ctx, ctx.params.channel_id as string);
	const message = ctx.world.message(channel.id, ctx.params.message_id as string);
	if (message.authorId !== app.botUserId) throw Errors.cannotEditOthersMessage();
	const input = validateMessageInput(ctx.body, { requireContent: false });
	applyInput(ctx, message, input, (perms & P.EmbedLinks) !== 0n);
	message.editedAt = ctx.world.now();
	ctx.world.dispatchMessage(E.MessageUpdate, message);
	return messagePayload(message, ctx.world, app.botUserId);
};

const remove: RestRoute['handler'] = (ctx) => {
	const app = requireApp(ctx);
	const { channel, guild, perms } = visibleChannel(ctx, ctx.params.channel_id as string);
	const message = ctx.world.message(channel.id, ctx.params.message_id as string);
	if (message.authorId !== app.botUserId) {
		if (!guild) throw Errors.missingPermissions();
		requirePerm(perms, P.ManageMessages);
	}
	ctx.world.deleteMessage(channel.id, message.id);
	return undefined;
};

const M = '/channels/:channel_id/messages';

export const messageRoutes: RestRoute[] = [
	{ method: 'POST', path: M, auth: 'bot', bucket: 'message.create', handler: create },
	{ method: 'GET', path: M, auth: 'bot', handler: list },
	{ method: 'GET', path: `${M}/:message_id`, auth: 'bot', handler: get },
	{ method: 'PATCH', path: `${M}/:message_id`, auth: 'bot', bucket: 'message.edit', handler: edit },
	{ method: 'DELETE', path: `${M}/:message_id`, auth: 'bot', bucket: 'message.delete', handler: remove },
];
