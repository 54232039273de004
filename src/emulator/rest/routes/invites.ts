import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { Errors } from '../../errors.ts';
import type { RestRoute } from '../../http/route.ts';
import { channelPermissions, has } from '../../world/permissions.ts';
import { invitePayload, partialGuildPayload } from '../../world/serialize.ts';
import type { EmGuild, EmInvite } from '../../world/types.ts';
import type { World } from '../../world/world.ts';
import {
	botGuildPermissions,
	botId,
	guildChannelOf,
	guildOf,
	requireGuildPermission,
	requireRoleBelowBot,
	roleOf,
} from '../guild-access.ts';
import { bodyBool, bodyInt, bodyObject, queryFlag, snowflakeList } from '../guild-params.ts';

/** An invite object; `roles` are partial role objects, as Discord sends them. */
function invite(inv: EmInvite, world: World, withMetadata = true) {
	const payload = invitePayload(inv, world, withMetadata);
	const guild = world.guilds.get(inv.guildId);
	if (!guild || inv.roleIds.length === 0) return payload;
	const roles = inv.roleIds.flatMap((id) => {
		const r = guild.roles.get(id);
		if (!r) return [];
		const colors = { primary_color: r.color, secondary_color: null, tertiary_color: null };
		return [{ id: r.id, name: r.name, position: r.position, color: r.color, colors, icon: null, unicode_emoji: null }];
	});
	return { ...payload, roles };
}

const counts = (guild: EmGuild) => ({ approximate_member_count: guild.members.size, approximate_presence_count: 0 });

/**
 * Create Channel Invite. Without `unique: true` Discord hands back a live invite of the same bot
 * in the same channel with the same settings instead of minting one (and sends no INVITE_CREATE).
 * `target_user_ids` is the emulator's JSON stand-in for Discord's `target_users_file` CSV.
 */
const create: RestRoute['handler'] = (ctx) => {
	const { channel, guild, perms } = guildChannelOf(ctx, ctx.params.channel_id as string);
	if (!has(perms, P.CreateInstantInvite)) throw Errors.missingPermissions();
	const body = bodyObject(ctx.body);
	const maxAge = bodyInt(body.max_age, 'max_age', 0, 604_800, 86_400);
	const maxUses = bodyInt(body.max_uses, 'max_uses', 0, 100, 0);
	const temporary = bodyBool(body.temporary, 'temporary') ?? false;
	const unique = bodyBool(body.unique, 'unique') ?? false;
	const roleIds = body.role_ids == null ? [] : [...new Set(snowflakeList(body.role_ids, 'role_ids'))];
	const targetUserIds =
		body.target_user_ids == null ? [] : [...new Set(snowflakeList(body.target_user_ids, 'target_user_ids'))];
	if (roleIds.length > 0) requireGuildPermission(ctx, guild, P.ManageRoles);
	for (const id of roleIds) {
		const role = roleOf(guild, id);
		if (role.id === guild.id || role.managed) throw Errors.missingPermissions();
		requireRoleBelowBot(ctx, guild, role);
	}
	for (const id of targetUserIds) ctx.world.user(id);
	if (!unique && roleIds.length === 0 && targetUserIds.length === 0) {
		const similar = ctx.world
			.guildInvites(guild.id)
			.find(
				(i) =>
					i.channelId === channel.id &&
					i.inviterId === botId(ctx) &&
					i.maxAge === maxAge &&
					i.maxUses === maxUses &&
					i.temporary === temporary &&
					i.roleIds.length === 0 &&
					i.targetUserIds.length === 0,
			);
		if (similar) return invite(similar, ctx.world);
	}
	const created = ctx.world.createInvite(
		channel.id,
		{ inviterId: botId(ctx), maxAge, maxUses, temporary, roleIds, targetUserIds },
		ctx.reason,
	);
	return invite(created, ctx.world);
};

const listChannel: RestRoute['handler'] = (ctx) => {
	const { channel, guild, perms } = guildChannelOf(ctx, ctx.params.channel_id as string);
	if (!has(perms, P.ManageChannels)) throw Errors.missingPermissions();
	return ctx.world
		.guildInvites(guild.id)
		.filter((i) => i.channelId === channel.id)
		.map((i) => invite(i, ctx.world));
};

/** Get Guild Invites: Manage Guild or View Audit Log; metadata (uses, max_uses…) only with Manage Guild. */
const listGuild: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	const perms = botGuildPermissions(ctx, guild);
	const manage = has(perms, P.ManageGuild);
	if (!manage && !has(perms, P.ViewAuditLog)) throw Errors.missingPermissions();
	return ctx.world.guildInvites(guild.id).map((i) => invite(i, ctx.world, manage));
};

/** The vanity URL as an invite (no inviter, no expiry), into the guild's system channel. */
function vanityInvite(world: World, code: string) {
	const guild = [...world.guilds.values()].find((g) => g.vanityCode === code);
	if (!guild) throw Errors.unknownInvite();
	const channel = guild.systemChannelId ? world.channels.get(guild.systemChannelId) : undefined;
	return {
		guild,
		payload: {
			type: 0,
			code,
			guild: partialGuildPayload(guild),
			channel: channel ? { id: channel.id, type: channel.type, name: channel.name } : null,
			expires_at: null,
		},
	};
}

const getOne: RestRoute['handler'] = (ctx) => {
	const code = ctx.params.code as string;
	let found: { guild: EmGuild; payload: object };
	if (ctx.world.invites.has(code)) {
		const inv = ctx.world.invite(code);
		found = { guild: ctx.world.guild(inv.guildId), payload: invite(inv, ctx.world, false) };
	} else found = vanityInvite(ctx.world, code);
	return queryFlag(ctx.query, 'with_counts') ? { ...found.payload, ...counts(found.guild) } : found.payload;
};

/** Delete Invite: Manage Channels on the invite's channel, or Manage Guild. Returns the deleted invite. */
const remove: RestRoute['handler'] = (ctx) => {
	const inv = ctx.world.invite(ctx.params.code as string);
	const guild = guildOf(ctx, inv.guildId);
	const channel = ctx.world.channels.get(inv.channelId);
	const inChannel = channel ? channelPermissions(guild, channel, botId(ctx)) : 0n;
	if (!has(inChannel, P.ManageChannels) && !has(botGuildPermissions(ctx, guild), P.ManageGuild))
		throw Errors.missingPermissions();
	const payload = invite(inv, ctx.world);
	ctx.world.deleteInvite(inv.code, botId(ctx), ctx.reason);
	return payload;
};

const vanity: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	requireGuildPermission(ctx, guild, P.ManageGuild);
	return guild.vanityCode ? { code: guild.vanityCode, uses: guild.vanityUses } : { code: null, uses: 0 };
};

export const inviteRoutes: RestRoute[] = [
	{ method: 'POST', path: '/channels/:channel_id/invites', auth: 'bot', bucket: 'invite.create', handler: create },
	{ method: 'GET', path: '/channels/:channel_id/invites', auth: 'bot', handler: listChannel },
	{ method: 'GET', path: '/guilds/:guild_id/invites', auth: 'bot', bucket: 'invites.list', handler: listGuild },
	{ method: 'GET', path: '/guilds/:guild_id/vanity-url', auth: 'bot', handler: vanity },
	{ method: 'GET', path: '/invites/:code', auth: 'bot', handler: getOne },
	{ method: 'DELETE', path: '/invites/:code', auth: 'bot', handler: remove },
];
