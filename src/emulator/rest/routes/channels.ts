import { RESTJSONErrorCodes as C, ChannelType, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { ApiError, Errors, fieldError } from '../../errors.ts';
import { Reply, type RestRoute, type RouteContext, requireApp } from '../../http/route.ts';
import { isSnowflake } from '../../snowflake.ts';
import { detachChildren, putOverwrite, removeOverwrite, updateChannel } from '../../world/channel-updates.ts';
import { basePermissions, channelPermissions, has } from '../../world/permissions.ts';
import { channelPayload } from '../../world/serialize.ts';
import type { EmChannel, EmGuild, EmOverwrite } from '../../world/types.ts';
import { guildOf, requireGuildPermission, requirePerm, visibleChannel, visibleGuildChannel } from '../access.ts';
import { bodyObject, isObject } from '../input.ts';

/** Channel types a bot can create here (announcement channels need the NEWS feature no emulated guild has). */
const CREATABLE = [ChannelType.GuildText, ChannelType.GuildVoice, ChannelType.GuildCategory];
const TOPIC_TYPES = new Set<ChannelType>([ChannelType.GuildText, ChannelType.GuildAnnouncement]);

const unknownOverwrite = () => new ApiError(404, C.UnknownPermissionOverwrite, 'Unknown Overwrite');
const body = (ctx: RouteContext) => bodyObject(ctx.body);

function permissionBits(path: string, value: unknown): bigint {
	if (value === undefined || value === null) return 0n;
	if ((typeof value === 'string' && /^\d+$/.test(value)) || (typeof value === 'number' && Number.isSafeInteger(value)))
		return BigInt(value);
	throw fieldError(path, 'NUMBER_TYPE_COERCE', `Value "${String(value)}" is not int.`);
}

/** One overwrite of a request: `type` 0 (role) or 1 (member) naming an existing role or user (else 10009). */
function overwriteOf(
	ctx: RouteContext,
	guild: EmGuild,
	raw: Record<string, unknown>,
	path: string | null,
): EmOverwrite {
	const at = (field: string) => (path === null ? field : `${path}.${field}`);
	if (!isSnowflake(raw.id)) throw fieldError(at('id'), 'BASE_TYPE_REQUIRED', 'This field is required');
	if (raw.type !== 0 && raw.type !== 1)
		throw fieldError(at('type'), 'BASE_TYPE_CHOICES', 'Value must be one of (0, 1).');
	const exists = raw.type === 0 ? guild.roles.has(raw.id) : ctx.world.users.has(raw.id);
	if (!exists) throw unknownOverwrite();
	return {
		id: raw.id,
		type: raw.type,
		allow: permissionBits(at('allow'), raw.allow),
		deny: permissionBits(at('deny'), raw.deny),
	};
}

function overwritesOf(ctx: RouteContext, guild: EmGuild, raw: unknown): EmOverwrite[] {
	if (!Array.isArray(raw))
		throw fieldError('permission_overwrites', 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
	return raw.map((o: unknown, i) => {
		const path = `permission_overwrites.${i}`;
		if (!isObject(o)) throw fieldError(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
		return overwriteOf(ctx, guild, o, path);
	});
}

/**
 * A bot may only allow or deny permissions it has itself (in the parent category, else guild-wide),
 * and never Manage Roles, unless it is an administrator or holds Manage Roles through an overwrite
 * of this very channel. Only overwrites that change are checked (50013).
 */
function requireGrantable(
	ctx: RouteContext,
	guild: EmGuild,
	channel: EmChannel | null,
	parentId: string | null,
	next: EmOverwrite[],
): void {
	const botId = requireApp(ctx).botUserId;
	const base = basePermissions(guild, botId);
	if (has(base, P.Administrator)) return;
	const member = guild.members.get(botId);
	const viaOverwrite = channel?.overwrites.some(
		(o) => (o.id === botId || (o.type === 0 && member?.roles.includes(o.id))) && has(o.allow, P.ManageRoles),
	);
	if (viaOverwrite) return;
	const parent = parentId ? ctx.world.channels.get(parentId) : undefined;
	const own = parent ? channelPermissions(guild, parent, botId) : base;
	for (const o of next) {
		const before = channel?.overwrites.find((x) => x.id === o.id);
		if (before && before.allow === o.allow && before.deny === o.deny) continue;
		const bits = o.allow | o.deny;
		if (bits & P.ManageRoles || (bits & ~own) !== 0n) throw Errors.missingPermissions();
	}
}

/** Discord's channel name rules: 1-100 characters; text channel names are lowercase with dashes. */
function nameOf(value: unknown, type: ChannelType): string {
	const text = type === ChannelType.GuildText || type === ChannelType.GuildAnnouncement;
	const name = typeof value !== 'string' ? '' : text ? value.trim().toLowerCase().replace(/\s+/g, '-') : value;
	if ([...name].length < 1 || [...name].length > 100)
		throw fieldError('name', 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
	return name;
}

function topicOf(value: unknown): string | null | undefined {
	if (value === undefined || value === null) return value;
	if (typeof value !== 'string')
		throw fieldError('topic', 'STRING_TYPE_CONVERT', 'Could not interpret value as string.');
	if ([...value].length > 1024) throw fieldError('topic', 'BASE_TYPE_MAX_LENGTH', 'Must be 1024 or fewer in length.');
	return value;
}

/** A parent must be a category of the same guild; categories have no parent. */
function parentOf(ctx: RouteContext, guild: EmGuild, type: ChannelType, value: unknown): string | null | undefined {
	if (value === undefined || value === null) return value;
	const parent = typeof value === 'string' && guild.channels.has(value) ? ctx.world.channels.get(value) : undefined;
	if (!parent || parent.type !== ChannelType.GuildCategory || type === ChannelType.GuildCategory)
		throw fieldError('parent_id', 'CHANNEL_PARENT_INVALID_TYPE', 'Not a category');
	return parent.id;
}

const get: RestRoute['handler'] = (ctx) =>
	channelPayload(visibleChannel(ctx, ctx.params.channel_id as string).channel, ctx.world);

const edit: RestRoute['handler'] = (ctx) => {
	const { channel, guild, perms } = visibleGuildChannel(ctx, ctx.params.channel_id as string);
	requirePerm(perms, P.ManageChannels);
	const b = body(ctx);
	const name = b.name === undefined ? undefined : nameOf(b.name, channel.type);
	const topic = TOPIC_TYPES.has(channel.type) ? topicOf(b.topic) : undefined;
	if (b.position !== undefined && b.position !== null && !Number.isInteger(b.position))
		throw fieldError('position', 'NUMBER_TYPE_COERCE', `Value "${String(b.position)}" is not int.`);
	const parentId = parentOf(ctx, guild, channel.type, b.parent_id);
	let overwrites: EmOverwrite[] | undefined;
	if (b.permission_overwrites !== undefined && b.permission_overwrites !== null) {
		requirePerm(perms, P.ManageRoles);
		overwrites = overwritesOf(ctx, guild, b.permission_overwrites);
		requireGrantable(ctx, guild, channel, parentId ?? channel.parentId, overwrites);
	}
	updateChannel(
		ctx.world,
		channel.id,
		{
			...(name !== undefined ? { name } : {}),
			...(topic !== undefined ? { topic } : {}),
			...(typeof b.position === 'number' ? { position: b.position } : {}),
			...(parentId !== undefined ? { parentId } : {}),
			...(overwrites ? { overwrites } : {}),
		},
		requireApp(ctx).botUserId,
		ctx.reason,
	);
	return channelPayload(channel, ctx.world);
};

/** Deletes a guild channel (a category's channels keep existing without a parent), or closes a DM. */
const remove: RestRoute['handler'] = (ctx) => {
	const { channel, guild, perms } = visibleChannel(ctx, ctx.params.channel_id as string);
	if (!guild) return channelPayload(channel, ctx.world);
	requirePerm(perms, P.ManageChannels);
	if (channel.type === ChannelType.GuildCategory) detachChildren(ctx.world, channel.id);
	return channelPayload(ctx.world.deleteChannel(channel.id, requireApp(ctx).botUserId, ctx.reason), ctx.world);
};

const list: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	return [...guild.channels].map((id) => channelPayload(ctx.world.channel(id), ctx.world));
};

const create: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	requireGuildPermission(ctx, guild, P.ManageChannels);
	const b = body(ctx);
	const type = (b.type ?? ChannelType.GuildText) as ChannelType;
	if (!CREATABLE.includes(type))
		throw fieldError('type', 'BASE_TYPE_CHOICES', `Value must be one of (${CREATABLE.join(', ')}).`);
	const name = nameOf(b.name, type);
	const topic = TOPIC_TYPES.has(type) ? topicOf(b.topic) : undefined;
	const parentId = parentOf(ctx, guild, type, b.parent_id);
	let overwrites: EmOverwrite[] | undefined;
	if (b.permission_overwrites !== undefined && b.permission_overwrites !== null) {
		overwrites = overwritesOf(ctx, guild, b.permission_overwrites);
		requireGrantable(ctx, guild, null, parentId ?? null, overwrites);
	}
	const channel = ctx.world.createChannel(
		guild.id,
		{ name, type, parentId: parentId ?? null, topic: topic ?? null, ...(overwrites ? { overwrites } : {}) },
		requireApp(ctx).botUserId,
		ctx.reason,
	);
	// Create Guild Channel answers 201 Created (the spec's only success status for it).
	return new Reply(201, channelPayload(channel, ctx.world));
};

const editOverwrite: RestRoute['handler'] = (ctx) => {
	const { channel, guild, perms } = visibleGuildChannel(ctx, ctx.params.channel_id as string);
	requirePerm(perms, P.ManageRoles);
	const overwrite = overwriteOf(ctx, guild, { ...body(ctx), id: ctx.params.overwrite_id }, null);
	requireGrantable(ctx, guild, channel, channel.parentId, [overwrite]);
	putOverwrite(ctx.world, channel.id, overwrite, requireApp(ctx).botUserId, ctx.reason);
	return undefined;
};

const deleteOverwrite: RestRoute['handler'] = (ctx) => {
	const { channel, perms } = visibleGuildChannel(ctx, ctx.params.channel_id as string);
	requirePerm(perms, P.ManageRoles);
	if (!removeOverwrite(ctx.world, channel.id, ctx.params.overwrite_id as string, requireApp(ctx).botUserId, ctx.reason))
		throw unknownOverwrite();
	return undefined;
};

const O = '/channels/:channel_id/permissions/:overwrite_id';

export const channelRoutes: RestRoute[] = [
	{ method: 'GET', path: '/channels/:channel_id', auth: 'bot', handler: get },
	{ method: 'PATCH', path: '/channels/:channel_id', auth: 'bot', handler: edit },
	{ method: 'DELETE', path: '/channels/:channel_id', auth: 'bot', handler: remove },
	{ method: 'PUT', path: O, auth: 'bot', handler: editOverwrite },
	{ method: 'DELETE', path: O, auth: 'bot', handler: deleteOverwrite },
	{ method: 'GET', path: '/guilds/:guild_id/channels', auth: 'bot', handler: list },
	{ method: 'POST', path: '/guilds/:guild_id/channels', auth: 'bot', handler: create },
];
