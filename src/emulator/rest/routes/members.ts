import { GatewayIntentBits as I, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { Errors, fieldError } from '../../errors.ts';
import { type RestRoute, type RouteContext, requireApp } from '../../http/route.ts';
import { canManageRoleAt, outranks } from '../../world/permissions.ts';
import { memberPayload, userPayload } from '../../world/serialize.ts';
import type { EmGuild } from '../../world/types.ts';
import { guildOf, requireGuildPermission } from '../access.ts';

/** A role the bot may give or take: it exists, is not @everyone or managed, and sits below the bot's top role. */
function assignableRole(ctx: RouteContext, guild: EmGuild, roleId: string): void {
	const role = guild.roles.get(roleId);
	if (!role) throw Errors.unknownRole();
	if (role.id === guild.id || role.managed) throw Errors.missingPermissions();
	if (!canManageRoleAt(guild, requireApp(ctx).botUserId, role.position)) throw Errors.missingPermissions();
}

const get: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	const member = guild.members.get(ctx.params.user_id as string);
	if (!member) throw Errors.unknownMember();
	return memberPayload(member, ctx.world);
};

const list: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	if (!(requireApp(ctx).privilegedIntents & I.GuildMembers)) throw Errors.missingAccess();
	const limit = Number(ctx.query.get('limit') ?? 1);
	if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
		throw fieldError('limit', 'NUMBER_TYPE_MAX', 'Must be between 1 and 1000.');
	const after = BigInt(ctx.query.get('after') ?? '0');
	return [...guild.members.values()]
		.filter((m) => BigInt(m.userId) > after)
		.sort((a, b) => (BigInt(a.userId) < BigInt(b.userId) ? -1 : 1))
		.slice(0, limit)
		.map((m) => memberPayload(m, ctx.world));
};

const search: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	const query = (ctx.query.get('query') ?? '').toLowerCase();
	if (!query) throw fieldError('query', 'BASE_TYPE_REQUIRED', 'This field is required');
	const limit = Math.min(1000, Math.max(1, Number(ctx.query.get('limit') ?? 1) || 1));
	return [...guild.members.values()]
		.filter(
			(m) =>
				ctx.world.user(m.userId).username.toLowerCase().startsWith(query) || m.nick?.toLowerCase().startsWith(query),
		)
		.slice(0, limit)
		.map((m) => memberPayload(m, ctx.world));
};

const edit: RestRoute['handler'] = (ctx) => {
	const app = requireApp(ctx);
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	const userId = ctx.params.user_id === '@me' ? app.botUserId : (ctx.params.user_id as string);
	const member = guild.members.get(userId);
	if (!member) throw Errors.unknownMember();
	const body = (ctx.body ?? {}) as { roles?: unknown; nick?: unknown };
	const patch: { roles?: string[]; nick?: string | null } = {};
	if (body.roles !== undefined) {
		if (!Array.isArray(body.roles) || body.roles.some((r) => typeof r !== 'string'))
			throw fieldError('roles', 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
		requireGuildPermission(ctx, guild, P.ManageRoles);
		const next = body.roles as string[];
		for (const id of next) if (!guild.roles.has(id)) throw Errors.unknownRole();
		const changed = [
			...next.filter((id) => !member.roles.includes(id)),
			...member.roles.filter((id) => !next.includes(id)),
		];
		for (const id of changed) assignableRole(ctx, guild, id);
		patch.roles = next;
	}
	if (body.nick !== undefined) {
		if (body.nick !== null && (typeof body.nick !== 'string' || body.nick.length > 32))
			throw fieldError('nick', 'BASE_TYPE_MAX_LENGTH', 'Must be 32 or fewer in length.');
		if (userId === app.botUserId) requireGuildPermission(ctx, guild, P.ChangeNickname);
		else {
			requireGuildPermission(ctx, guild, P.ManageNicknames);
			if (!outranks(guild, app.botUserId, userId)) throw Errors.missingPermissions();
		}
		patch.nick = (body.nick as string | null) || null;
	}
	return memberPayload(ctx.world.updateMember(guild.id, userId, patch, app.botUserId, ctx.reason), ctx.world);
};

function changeRole(add: boolean): RestRoute['handler'] {
	return (ctx) => {
		const guild = guildOf(ctx, ctx.params.guild_id as string);
		requireGuildPermission(ctx, guild, P.ManageRoles);
		const member = guild.members.get(ctx.params.user_id as string);
		if (!member) throw Errors.unknownMember();
		const roleId = ctx.params.role_id as string;
		assignableRole(ctx, guild, roleId);
		const has = member.roles.includes(roleId);
		if (add !== has) {
			const roles = add ? [...member.roles, roleId] : member.roles.filter((r) => r !== roleId);
			ctx.world.updateMember(guild.id, member.userId, { roles }, requireApp(ctx).botUserId, ctx.reason);
		}
		return undefined;
	};
}

const kick: RestRoute['handler'] = (ctx) => {
	const app = requireApp(ctx);
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	requireGuildPermission(ctx, guild, P.KickMembers);
	const userId = ctx.params.user_id as string;
	if (!guild.members.has(userId)) throw Errors.unknownMember();
	if (!outranks(guild, app.botUserId, userId)) throw Errors.missingPermissions();
	ctx.world.kick(guild.id, userId, app.botUserId, ctx.reason);
	return undefined;
};

const ban: RestRoute['handler'] = (ctx) => {
	const app = requireApp(ctx);
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	requireGuildPermission(ctx, guild, P.BanMembers);
	const userId = ctx.params.user_id as string;
	ctx.world.user(userId);
	const seconds = (ctx.body as { delete_message_seconds?: unknown } | undefined)?.delete_message_seconds;
	if (seconds !== undefined && (typeof seconds !== 'number' || seconds < 0 || seconds > 604_800))
		throw fieldError('delete_message_seconds', 'NUMBER_TYPE_MAX', 'Must be between 0 and 604800.');
	if (guild.members.has(userId) && !outranks(guild, app.botUserId, userId)) throw Errors.missingPermissions();
	ctx.world.ban(guild.id, userId, app.botUserId, ctx.reason);
	return undefined;
};

const unban: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	requireGuildPermission(ctx, guild, P.BanMembers);
	ctx.world.unban(guild.id, ctx.params.user_id as string, requireApp(ctx).botUserId, ctx.reason);
	return undefined;
};

const bans: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	requireGuildPermission(ctx, guild, P.BanMembers);
	return [...guild.bans].map(([userId, reason]) => ({ reason, user: userPayload(ctx.world.user(userId)) }));
};

const getBan: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	requireGuildPermission(ctx, guild, P.BanMembers);
	const userId = ctx.params.user_id as string;
	if (!guild.bans.has(userId)) throw Errors.unknownBan();
	return { reason: guild.bans.get(userId) ?? null, user: userPayload(ctx.world.user(userId)) };
};

const G = '/guilds/:guild_id';

export const memberRoutes: RestRoute[] = [
	{ method: 'GET', path: `${G}/members/search`, auth: 'bot', handler: search },
	{ method: 'GET', path: `${G}/members`, auth: 'bot', handler: list },
	{ method: 'GET', path: `${G}/members/:user_id`, auth: 'bot', handler: get },
	{ method: 'PATCH', path: `${G}/members/:user_id`, auth: 'bot', bucket: 'member.roles', handler: edit },
	{ method: 'DELETE', path: `${G}/members/:user_id`, auth: 'bot', bucket: 'member.kick', handler: kick },
	{
		method: 'PUT',
		path: `${G}/members/:user_id/roles/:role_id`,
		auth: 'bot',
		bucket: 'member.roles',
		handler: changeRole(true),
	},
	{
		method: 'DELETE',
		path: `${G}/members/:user_id/roles/:role_id`,
		auth: 'bot',
		bucket: 'member.roles',
		handler: changeRole(false),
	},
	{ method: 'GET', path: `${G}/bans`, auth: 'bot', handler: bans },
	{ method: 'GET', path: `${G}/bans/:user_id`, auth: 'bot', handler: getBan },
	{ method: 'PUT', path: `${G}/bans/:user_id`, auth: 'bot', bucket: 'member.ban', handler: ban },
	{ method: 'DELETE', path: `${G}/bans/:user_id`, auth: 'bot', handler: unban },
];
