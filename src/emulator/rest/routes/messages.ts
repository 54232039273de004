import {
	AuditLogEvent,
	RESTJSONErrorCodes as C,
	ChannelType,
	GatewayDispatchEvents as E,
	MessageType,
	PermissionFlagsBits as P,
} from 'discord-api-types/v10';
import { ApiError, Errors, fieldError } from '../../errors.ts';
import { type RestRoute, type RouteContext, requireApp } from '../../http/route.ts';
import { type AllowedMentions, parseMentions, resolvePings } from '../../world/mentions.ts';
import { messagePayload } from '../../world/serialize.ts';
import type { EmChannel, EmGuild, EmMessage } from '../../world/types.ts';
import { cannotActOnDm, channelMessage, requirePerm, visibleChannel } from '../access.ts';
import { withComponentIds } from '../component-ids.ts';
import { byId, queryInt, querySnowflake } from '../input.ts';
import {
	checkComponentsV2Exclusive,
	IS_COMPONENTS_V2,
	type MessageInput,
	readMessageInput,
	SUPPRESS_EMBEDS,
} from '../message-input.ts';
import { enforcedNonce, messageForNonce, rememberNonce } from '../message-nonces.ts';

/** Message types a reply may point at; the rest are system messages. */
const REPLYABLE = new Set<number>([
	MessageType.Default,
	MessageType.Reply,
	MessageType.ChatInputCommand,
	MessageType.ContextMenuCommand,
]);

/** Files on messages the bot sent; the world keeps no attachments, but an edit must know a message is not empty. */
const attachmentCounts = new WeakMap<EmMessage, number>();

type Channel = { channel: EmChannel; guild: EmGuild | null; perms: bigint };

/**
 * Records what a message's content mentions and who it really pings: `allowed_mentions` (or the
 * default of parsing everything) filters the content's mentions, and a reply pings the replied-to
 * author unless `allowed_mentions` is sent without `replied_user: true`.
 */
function address(
	ctx: RouteContext,
	message: EmMessage,
	at: Channel,
	allowed: AllowedMentions | null,
	repliedTo: EmMessage | null,
): void {
	const { world } = ctx;
	const written = parseMentions(message.content);
	const pings = resolvePings(message.content, allowed, { ...at, authorId: message.authorId });
	pings.users = pings.users.filter((id) => world.users.has(id));
	message.mentionedUsers = written.users.filter((id) => world.users.has(id));
	message.mentionedRoles = written.roles.filter((id) => at.guild?.roles.has(id) === true);
	const replied = repliedTo?.authorId;
	if (replied && replied !== message.authorId && (!allowed || allowed.replied_user === true)) {
		if (!pings.users.includes(replied)) pings.users.push(replied);
		if (!message.mentionedUsers.includes(replied)) message.mentionedUsers.push(replied);
	}
	message.pings = pings;
	message.allowedMentions = allowed;
}

/** The message a reply points at: same channel, not a system message, existing (or dropped if allowed). */
function replyTarget(at: Channel, input: MessageInput): EmMessage | null {
	const ref = input.message_reference;
	if (!ref?.message_id) return null;
	if (at.guild) requirePerm(at.perms, P.ReadMessageHistory);
	if (ref.channel_id && ref.channel_id !== at.channel.id)
		throw fieldError(
			'message_reference',
			'REPLIES_CANNOT_REFERENCE_OTHER_CHANNEL',
			'Cannot reply to a message in a different channel',
		);
	const target = at.channel.messages.get(ref.message_id);
	if (!target || target.flags & 64) {
		if (ref.fail_if_not_exists === false) return null;
		throw fieldError('message_reference', 'REPLIES_UNKNOWN_MESSAGE', 'Unknown message');
	}
	if (!REPLYABLE.has(target.type))
		throw fieldError('message_reference', 'REPLIES_CANNOT_REPLY_TO_SYSTEM_MESSAGE', 'Cannot reply to a system message');
	return target;
}

/** Whether a message would show nothing (whitespace-only content counts as none, as on Discord). */
function isEmpty(content: string, embeds: unknown[], components: unknown[], files: number): boolean {
	return content.trim() === '' && embeds.length === 0 && components.length === 0 && files === 0;
}

const create: RestRoute['handler'] = (ctx) => {
	const app = requireApp(ctx);
	const at = visibleChannel(ctx, ctx.params.channel_id as string);
	const { channel, guild, perms } = at;
	const input = readMessageInput(ctx.body, 'create');
	if (channel.type === ChannelType.GuildCategory)
		throw new ApiError(400, C.CannotSendMessagesInNonTextChannel, 'Cannot send messages in a non-text channel');
	if (guild) requirePerm(perms, P.SendMessages);
	else {
		const other = ctx.world.user(channel.recipients.find((id) => id !== app.botUserId) ?? app.botUserId);
		if (!other.dmsOpen || other.bot || other.id === app.botUserId) throw Errors.cannotMessageUser();
	}
	const nonce = enforcedNonce(ctx.body);
	const earlier = nonce ? messageForNonce(ctx.world, channel.id, app.botUserId, nonce) : null;
	const again = earlier ? channel.messages.get(earlier) : undefined;
	if (again) return messagePayload(again, ctx.world, app.botUserId);
	const files = input.__files?.length ?? 0;
	if (isEmpty(input.content ?? '', input.embeds ?? [], input.components ?? [], files)) throw Errors.emptyMessage();
	const repliedTo = replyTarget(at, input);
	const message = ctx.world.newMessage({
		channelId: channel.id,
		authorId: app.botUserId,
		type: repliedTo ? MessageType.Reply : MessageType.Default,
		content: input.content ?? '',
		// Without Embed Links Discord drops embeds silently instead of failing.
		embeds: perms & P.EmbedLinks ? (input.embeds ?? []) : [],
		components: withComponentIds(input.components ?? []) as EmMessage['components'],
		flags: input.flags ?? 0,
		reference: repliedTo
			? { message_id: repliedTo.id, channel_id: channel.id, ...(guild ? { guild_id: guild.id } : {}) }
			: null,
	});
	address(ctx, message, at, input.allowed_mentions ?? null, repliedTo);
	if (files) attachmentCounts.set(message, files);
	ctx.world.storeMessage(message);
	if (nonce) rememberNonce(ctx.world, channel.id, app.botUserId, nonce, message.id);
	return messagePayload(message, ctx.world, app.botUserId);
};

/** Newest first. Without Read Message History the list is empty rather than an error, as documented. */
const list: RestRoute['handler'] = (ctx) => {
	const { channel, perms } = visibleChannel(ctx, ctx.params.channel_id as string);
	const limit = queryInt(ctx.query, 'limit', 1, 100, 50);
	const around = querySnowflake(ctx.query, 'around');
	const before = querySnowflake(ctx.query, 'before');
	const after = querySnowflake(ctx.query, 'after');
	if (!(perms & P.ReadMessageHistory)) return [];
	let all = [...channel.messages.values()].filter((m) => !(m.flags & 64)).sort(byId);
	if (around !== null) {
		const i = all.findIndex((m) => BigInt(m.id) >= around);
		const start = Math.max(0, (i === -1 ? all.length : i) - Math.floor(limit / 2));
		all = all.slice(start, start + limit);
	} else if (before !== null) all = all.filter((m) => BigInt(m.id) < before).slice(-limit);
	else if (after !== null) all = all.filter((m) => BigInt(m.id) > after).slice(0, limit);
	else all = all.slice(-limit);
	const viewer = requireApp(ctx).botUserId;
	return all.reverse().map((m) => messagePayload(m, ctx.world, viewer));
};

const get: RestRoute['handler'] = (ctx) => {
	const { channel, perms } = visibleChannel(ctx, ctx.params.channel_id as string);
	requirePerm(perms, P.ReadMessageHistory);
	const message = channelMessage(channel, ctx.params.message_id as string);
	return messagePayload(message, ctx.world, requireApp(ctx).botUserId);
};

/** Fields only the author may edit; anyone else with Manage Messages may only toggle SUPPRESS_EMBEDS. */
const AUTHOR_FIELDS = ['content', 'embeds', 'components', 'attachments', 'sticker_ids', 'poll'];

function editOthers(ctx: RouteContext, at: Channel, message: EmMessage): unknown {
	const body = (ctx.body ?? {}) as Record<string, unknown>;
	if (AUTHOR_FIELDS.some((key) => body[key] !== undefined) || typeof body.flags !== 'number' || !at.guild)
		throw Errors.cannotEditOthersMessage();
	requirePerm(at.perms, P.ManageMessages);
	message.flags = (message.flags & ~SUPPRESS_EMBEDS) | (body.flags & SUPPRESS_EMBEDS);
	ctx.world.dispatchMessage(E.MessageUpdate, message);
	return messagePayload(message, ctx.world, requireApp(ctx).botUserId);
}

const edit: RestRoute['handler'] = (ctx) => {
	const app = requireApp(ctx);
	const at = visibleChannel(ctx, ctx.params.channel_id as string);
	const message = channelMessage(at.channel, ctx.params.message_id as string);
	if (message.authorId !== app.botUserId) return editOthers(ctx, at, message);
	const input = readMessageInput(ctx.body, 'edit');
	// SUPPRESS_EMBEDS can be set and unset, IS_COMPONENTS_V2 only set; other flag changes are ignored.
	const flags =
		input.flags == null
			? message.flags
			: (message.flags & ~SUPPRESS_EMBEDS) | (input.flags & (SUPPRESS_EMBEDS | IS_COMPONENTS_V2));
	const next = {
		content: input.content === undefined ? message.content : (input.content ?? ''),
		embeds: input.embeds === undefined ? message.embeds : at.perms & P.EmbedLinks ? (input.embeds ?? []) : [],
		components: input.components === undefined ? message.components : (input.components ?? []),
	};
	if (flags & IS_COMPONENTS_V2) checkComponentsV2Exclusive(next);
	const kept = input.attachments == null ? (attachmentCounts.get(message) ?? 0) : input.attachments.length;
	const files = kept + (input.__files?.length ?? 0);
	if (isEmpty(next.content, next.embeds, next.components, files)) throw Errors.emptyMessage();
	message.content = next.content;
	message.embeds = next.embeds;
	message.components = withComponentIds(next.components) as EmMessage['components'];
	message.flags = flags;
	attachmentCounts.set(message, files);
	// Mentions are rebuilt from the new content with this request's allowed_mentions (default: parse all).
	if (input.content !== undefined || input.allowed_mentions !== undefined)
		address(ctx, message, at, input.allowed_mentions ?? null, null);
	message.editedAt = ctx.world.now();
	ctx.world.dispatchMessage(E.MessageUpdate, message);
	return messagePayload(message, ctx.world, app.botUserId);
};

const remove: RestRoute['handler'] = (ctx) => {
	const app = requireApp(ctx);
	const { channel, guild, perms } = visibleChannel(ctx, ctx.params.channel_id as string);
	const message = channelMessage(channel, ctx.params.message_id as string);
	if (message.authorId !== app.botUserId) {
		if (!guild) throw cannotActOnDm();
		requirePerm(perms, P.ManageMessages);
		ctx.world.audit(guild, {
			actionType: AuditLogEvent.MessageDelete,
			userId: app.botUserId,
			targetId: message.authorId,
			reason: ctx.reason,
			changes: [],
			options: { channel_id: channel.id, count: '1' },
		});
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
