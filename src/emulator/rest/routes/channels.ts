import {
	ChannelType,
	GatewayDispatchEvents as E,
	GatewayIntentBits as I,
	PermissionFlagsBits as P,
} from 'discord-api-types/v10';
import { fieldError } from '../../errors.ts';
import { type RestRoute, type RouteContext, requireApp } from '../../http/route.ts';
import { channelPayload } from '../../world/serialize.ts';
import type { EmOverwrite } from '../../world/types.ts';
import { guildOf, requireGuildPermission, requirePerm, visibleChannel } from '../access.ts';

const TYPES = new Set([
	ChannelType.GuildText,
	ChannelType.GuildCategory,
	ChannelType.GuildVoice,
	ChannelType.GuildAnnouncement,
]);

function overwritesOf(raw: unknown): EmOverwrite[] {
	if (!Array.isArray(raw))
		throw fieldError('permission_overwrites', 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
	return raw.map((o: { id?: unknown; type?: unknown; allow?: unknown; deny?: unknown }, i) => {
		if (typeof o.id !== 'string' || (o.type !== 0 && o.type !== 1))
			throw fieldError(
				`permission_overwrites.${i}`,
				'BASE_TYPE_REQUIRED',
				'id and type (0 role, 1 member) are required',
			);
		return { id: o.id, type: o.type, allow: BigInt(String(o.allow ?? '0')), deny: BigInt(String(o.deny ?? '0')) };
	});
}

function checkName(name: unknown, required: boolean): string | undefined {
	if (name === undefined && !required) return undefined;
	if (typeof name !== 'string' || name.length < 1 || name.length > 100)
		throw fieldError('name', 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
	return name;
}

function announceUpdate(ctx: RouteContext, channelId: string): unknown {
	const channel = ctx.world.channel(channelId);
	const payload = channelPayload(channel, ctx.world);
	ctx.world.dispatch({ t: E.ChannelUpdate, d: payload, intent: I.Guilds, guildId: channel.guildId, appId: null });
	return payload;
}

const get: RestRoute['handler'] = (ctx) =>
	channelPayload(visibleChannel(ctx, ctx.params.channel_id as string).channel, ctx.world);

const edit: RestRoute['handler'] = (ctx) => {
	const { channel, guild, perms } = visibleChannel(ctx, ctx.params.channel_id as string);
	if (!guild) throw fieldError('_root', 'CHANNEL_TYPE_INVALID', 'DM channels cannot be edited');
	requirePerm(perms, P.ManageChannels);
	const body = (ctx.body ?? {}) as Record<string, unknown>;
	const name = checkName(body.name, false);
	if (body.topic !== undefined && body.topic !== null && (typeof body.topic !== 'string' || body.topic.length > 1024))
		throw fieldError('topic', 'BASE_TYPE_MAX_LENGTH', 'Must be 1024 or fewer in length.');
	const overwrites = body.permission_overwrites !== undefined ? overwritesOf(body.permission_overwrites) : undefined;
	if (name !== undefined) channel.name = name;
	if (body.topic !== undefined) channel.topic = (body.topic as string | null) ?? null;
	if (typeof body.position === 'number') channel.position = body.position;
	if (body.parent_id !== undefined) channel.parentId = (body.parent_id as string | null) ?? null;
	if (overwrites) channel.overwrites = overwrites;
	return announceUpdate(ctx, channel.id);
};

const remove: RestRoute['handler'] = (ctx) => {
	const { channel, guild, perms } = visibleChannel(ctx, ctx.params.channel_id as string);
	if (!guild) return channelPayload(channel, ctx.world);
	requirePerm(perms, P.ManageChannels);
	return channelPayload(ctx.world.deleteChannel(channel.id, requireApp(ctx).botUserId, ctx.reason), ctx.world);
};

const list: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	return [...guild.channels].map((id) => channelPayload(ctx.world.channel(id), ctx.world));
};

const create: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	requireGuildPermission(ctx, guild, P.ManageChannels);
	const body = (ctx.body ?? {}) as Record<string, unknown>;
	const name = checkName(body.name, true) as string;
	const type = (body.type as ChannelType | undefined) ?? ChannelType.GuildText;
	if (!TYPES.has(type)) throw fieldError('type', 'BASE_TYPE_CHOICES', 'Value must be one of 0, 2, 4, 5.');
	const channel = ctx.world.createChannel(
		guild.id,
		{
			name,
			type,
			parentId: (body.parent_id as string | undefined) ?? null,
			topic: (body.topic as string | undefined) ?? null,
			...(body.permission_overwrites ? { overwrites: overwritesOf(body.permission_overwrites) } : {}),
		},
		requireApp(ctx).botUserId,
		ctx.reason,
	);
	return channelPayload(channel, ctx.world);
};

const putOverwrite: RestRoute['handler'] = (ctx) => {
	const { channel, guild, perms } = visibleChannel(ctx, ctx.params.channel_id as string);
	if (!guild) throw fieldError('_root', 'CHANNEL_TYPE_INVALID', 'DM channels have no overwrites');
	requirePerm(perms, P.ManageRoles);
	const [overwrite] = overwritesOf([{ ...(ctx.body as object), id: ctx.params.overwrite_id }]);
	if (!overwrite) return undefined;
	channel.overwrites = [...channel.overwrites.filter((o) => o.id !== overwrite.id), overwrite];
	announceUpdate(ctx, channel.id);
	return undefined;
};

const deleteOverwrite: RestRoute['handler'] = (ctx) => {
	const { channel, guild, perms } = visibleChannel(ctx, ctx.params.channel_id as string);
	if (!guild) throw fieldError('_root', 'CHANNEL_TYPE_INVALID', 'DM channels have no overwrites');
	requirePerm(perms, P.ManageRoles);
	channel.overwrites = channel.overwrites.filter((o) => o.id !== ctx.params.overwrite_id);
	announceUpdate(ctx, channel.id);
	return undefined;
};

export const channelRoutes: RestRoute[] = [
	{ method: 'GET', path: '/channels/:channel_id', auth: 'bot', handler: get },
	{ method: 'PATCH', path: '/channels/:channel_id', auth: 'bot', handler: edit },
	{ method: 'DELETE', path: '/channels/:channel_id', auth: 'bot', handler: remove },
	{ method: 'PUT', path: '/channels/:channel_id/permissions/:overwrite_id', auth: 'bot', handler: putOverwrite },
	{ method: 'DELETE', path: '/channels/:channel_id/permissions/:overwrite_id', auth: 'bot', handler: deleteOverwrite },
	{ method: 'GET', path: '/guilds/:guild_id/channels', auth: 'bot', handler: list },
	{ method: 'POST', path: '/guilds/:guild_id/channels', auth: 'bot', handler: create },
];
