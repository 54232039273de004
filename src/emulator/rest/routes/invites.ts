import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { ApiError, Errors, fieldError } from '../../errors.ts';
import type { UploadedFile } from '../../http/body.ts';
import { Reply, type RestRoute, type RouteContext } from '../../http/route.ts';
import { isSnowflake } from '../../snowflake.ts';
import { setTargetUsers } from '../../world/invites.ts';
import { channelPermissions, has } from '../../world/permissions.ts';
import { invitePayload, partialGuildPayload } from '../../world/serialize.ts';
import type { EmGuild, EmInvite } from '../../world/types.ts';
import type { World } from '../../world/world.ts';
import {
	botGuildPermissions,
	botId,
	guildOf,
	requireGuildPermission,
	requireRoleBelowBot,
	roleOf,
	visibleGuildChannel,
} from '../access.ts';
import { bodyBool, bodyInt, bodyObject, queryFlag, snowflakeList } from '../input.ts';

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

/**
 * The user ids of a `target_users_file` upload: one id per line, an optional `user_id` header,
 * duplicates ignored. Invalid lines are a 400 listing them, as Update Target Users documents.
 * Null when the request has no such file.
 */
function targetUsersCsv(files: unknown): string[] | null {
	const file = (files as UploadedFile[] | undefined)?.find((f) => f.field === 'target_users_file');
	if (!file) return null;
	const ids: string[] = [];
	const problems: string[] = [];
	for (const [i, raw] of file.text.split(/\r?\n/).entries()) {
		const line = raw.trim().replace(/,$/, '');
		if (line === '' || (i === 0 && line === 'user_id')) continue;
		if (!/^\d+$/.test(line)) problems.push(`Line ${i + 1}: invalid user ID format`);
		else if (!isSnowflake(line) || line.length < 17)
			problems.push(`Line ${i + 1}: invalid user ID - must be a valid Discord snowflake`);
		else ids.push(line);
	}
	if (problems.length) throw new ApiError(400, 50035, 'Invalid Form Body', { target_users_file: problems });
	return [...new Set(ids)];
}

const counts = (guild: EmGuild) => ({ approximate_member_count: guild.members.size, approximate_presence_count: 0 });

/**
 * Create Channel Invite. Without `unique: true` Discord hands back a live invite of the same bot
 * in the same channel with the same settings instead of minting one (and sends no INVITE_CREATE).
 * `target_user_ids` is the emulator's JSON stand-in for Discord's `target_users_file` CSV.
 */
const create: RestRoute['handler'] = (ctx) => {
	const { channel, guild, perms } = visibleGuildChannel(ctx, ctx.params.channel_id as string);
	if (!has(perms, P.CreateInstantInvite)) throw Errors.missingPermissions();
	const body = bodyObject(ctx.body);
	const maxAge = bodyInt(body.max_age, 'max_age', 0, 604_800, 86_400);
	const maxUses = bodyInt(body.max_uses, 'max_uses', 0, 100, 0);
	const temporary = bodyBool(body.temporary, 'temporary') ?? false;
	const unique = bodyBool(body.unique, 'unique') ?? false;
	const roleIds = body.role_ids == null ? [] : [...new Set(snowflakeList(body.role_ids, 'role_ids'))];
	const csv = targetUsersCsv(body.__files);
	const targetUserIds =
		csv ?? (body.target_user_ids == null ? [] : [...new Set(snowflakeList(body.target_user_ids, 'target_user_ids'))]);
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
	const { channel, guild, perms } = visibleGuildChannel(ctx, ctx.params.channel_id as string);
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
			guild_id: guild.id,
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

/** Who may read an invite's target users: the inviter, Manage Guild or View Audit Log (Get Target Users). */
function targetInvite(ctx: RouteContext, write: boolean): EmInvite {
	const inv = ctx.world.invite(ctx.params.code as string);
	const guild = guildOf(ctx, inv.guildId);
	const perms = botGuildPermissions(ctx, guild);
	const allowed = inv.inviterId === botId(ctx) || has(perms, P.ManageGuild) || (!write && has(perms, P.ViewAuditLog));
	if (!allowed) throw Errors.missingPermissions();
	return inv;
}

/** Get Target Users: a CSV with the header `user_id` and one id per line. */
const getTargets: RestRoute['handler'] = (ctx) => {
	const inv = targetInvite(ctx, false);
	return new Reply(200, ['user_id', ...inv.targetUserIds].join('\n'), { 'content-type': 'text/csv' }, true);
};

/** Update Target Users: replaces the list from a new `target_users_file` (multipart). */
const putTargets: RestRoute['handler'] = (ctx) => {
	const inv = targetInvite(ctx, true);
	const ids = targetUsersCsv(bodyObject(ctx.body).__files);
	if (ids === null) throw fieldError('target_users_file', 'BASE_TYPE_REQUIRED', 'This field is required');
	for (const id of ids) ctx.world.user(id);
	setTargetUsers(ctx.world, inv.code, ids, botId(ctx), ctx.reason);
	return Reply.noContent();
};

/** Get Target Users Job Status: the emulator processes uploads at once, so a job is completed (2). */
const jobStatus: RestRoute['handler'] = (ctx) => {
	const job = targetInvite(ctx, false).targetUsersJob;
	if (!job)
		return { status: 0, total_users: 0, processed_users: 0, created_at: null, completed_at: null, error_message: null };
	const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
	return {
		status: job.status,
		total_users: job.totalUsers,
		processed_users: job.processedUsers,
		created_at: iso(job.createdAt),
		completed_at: iso(job.completedAt),
		error_message: job.errorMessage,
	};
};

export const inviteRoutes: RestRoute[] = [
	{ method: 'GET', path: '/invites/:code/target-users', auth: 'bot', handler: getTargets },
	{ method: 'PUT', path: '/invites/:code/target-users', auth: 'bot', handler: putTargets },
	{ method: 'GET', path: '/invites/:code/target-users/job-status', auth: 'bot', handler: jobStatus },
	{ method: 'POST', path: '/channels/:channel_id/invites', auth: 'bot', bucket: 'invite.create', handler: create },
	{ method: 'GET', path: '/channels/:channel_id/invites', auth: 'bot', handler: listChannel },
	{ method: 'GET', path: '/guilds/:guild_id/invites', auth: 'bot', bucket: 'invites.list', handler: listGuild },
	{ method: 'GET', path: '/guilds/:guild_id/vanity-url', auth: 'bot', handler: vanity },
	{ method: 'GET', path: '/invites/:code', auth: 'bot', handler: getOne },
	{ method: 'DELETE', path: '/invites/:code', auth: 'bot', handler: remove },
];
