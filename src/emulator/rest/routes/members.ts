import { GatewayIntentBits as I, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { Errors, fieldError } from '../../errors.ts';
import { type RestRoute, type RouteContext, requireApp } from '../../http/route.ts';
import type { MemberPatch } from '../../world/members.ts';
import { has, outranks } from '../../world/permissions.ts';
import { memberPayload } from '../../world/serialize.ts';
import type { EmGuild, EmMember } from '../../world/types.ts';
import {
	botGuildPermissions,
	botId,
	guildOf,
	memberOf,
	requireAssignable,
	requireGuildPermission,
	roleOf,
} from '../access.ts';
import { bodyInt, bodyObject, queryInt, querySnowflake, snowflakeList } from '../input.ts';
import { banRoutes } from './bans.ts';

const byUserId = (a: EmMember, b: EmMember) => (BigInt(a.userId) < BigInt(b.userId) ? -1 : 1);

const get: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	return memberPayload(memberOf(guild, ctx.params.user_id as string), ctx.world);
};

/** List Guild Members: needs the GUILD_MEMBERS privileged intent; ascending by user id after `after`. */
const list: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	if (!(requireApp(ctx).privilegedIntents & I.GuildMembers)) throw Errors.missingAccess();
	const limit = queryInt(ctx.query, 'limit', 1, 1000, 1);
	const after = querySnowflake(ctx.query, 'after') ?? 0n;
	return [...guild.members.values()]
		.filter((m) => BigInt(m.userId) > after)
		.sort(byUserId)
		.slice(0, limit)
		.map((m) => memberPayload(m, ctx.world));
};

/** Search Guild Members: case-insensitive prefix match on username or nickname. */
const search: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	const query = ctx.query.get('query');
	if (!query) throw fieldError('query', 'BASE_TYPE_REQUIRED', 'This field is required');
	const limit = queryInt(ctx.query, 'limit', 1, 1000, 1);
	const prefix = query.toLowerCase();
	return [...guild.members.values()]
		.filter(
			(m) =>
				ctx.world.user(m.userId).username.toLowerCase().startsWith(prefix) ||
				(m.nick?.toLowerCase().startsWith(prefix) ?? false),
		)
		.slice(0, limit)
		.map((m) => memberPayload(m, ctx.world));
};

function readNick(value: unknown): string | null {
	if (value === null) return null;
	if (typeof value !== 'string' || value.length > 32)
		throw fieldError('nick', 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 32 in length.');
	// An empty nickname resets it, as on Discord.
	return value || null;
}

/**
 * The role list of a member PATCH. discord.js sends @everyone along (it is in every member's role
 * cache); Discord ignores it. Every role added or removed must be one the bot may assign.
 */
function readRoles(ctx: RouteContext, guild: EmGuild, member: EmMember, value: unknown): string[] {
	requireGuildPermission(ctx, guild, P.ManageRoles);
	const next = [...new Set(snowflakeList(value, 'roles'))].filter((id) => id !== guild.id);
	for (const id of next) roleOf(guild, id);
	const changed = [
		...next.filter((id) => !member.roles.includes(id)),
		...member.roles.filter((id) => !next.includes(id)),
	];
	for (const id of changed) requireAssignable(ctx, guild, roleOf(guild, id));
	return next;
}

/**
 * Modify Guild Member (roles, nick). A nickname needs Manage Nicknames here, even the bot's own
 * (discord.js uses `/members/@me`, which needs only Change Nickname, for that).
 */
const edit: RestRoute['handler'] = (ctx) => {
	if (ctx.params.user_id === '@me') return editMe(false)(ctx);
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	const member = memberOf(guild, ctx.params.user_id as string);
	const body = bodyObject(ctx.body);
	const patch: MemberPatch = {};
	if (body.roles !== undefined && body.roles !== null) patch.roles = readRoles(ctx, guild, member, body.roles);
	if (body.nick !== undefined) {
		patch.nick = readNick(body.nick);
		requireGuildPermission(ctx, guild, P.ManageNicknames);
		if (member.userId !== botId(ctx) && !outranks(guild, botId(ctx), member.userId)) throw Errors.missingPermissions();
	}
	if (body.flags !== undefined && body.flags !== null) {
		patch.flags = bodyInt(body.flags, 'flags', 0, 2 ** 31 - 1, 0);
		requireFlagEditor(ctx, guild);
	}
	const updated = ctx.world.updateMember(guild.id, member.userId, patch, botId(ctx), ctx.reason);
	return memberPayload(updated, ctx.world);
};

/** Member flags need Manage Guild, Manage Roles, or Moderate + Kick + Ban Members (Modify Guild Member). */
function requireFlagEditor(ctx: RouteContext, guild: EmGuild): void {
	const perms = botGuildPermissions(ctx, guild);
	const moderator = P.ModerateMembers | P.KickMembers | P.BanMembers;
	if (!has(perms, P.ManageGuild) && !has(perms, P.ManageRoles) && !has(perms, moderator))
		throw Errors.missingPermissions();
}

/**
 * Modify Current Member (`/members/@me`) and the deprecated `/members/@me/nick`. discord.js sends
 * `@me` percent-encoded, so these arrive through the `:user_id` routes.
 */
function editMe(nickOnly: boolean): RestRoute['handler'] {
	return (ctx) => {
		if (ctx.params.user_id !== '@me') throw Errors.notFound();
		const guild = guildOf(ctx, ctx.params.guild_id as string);
		const body = bodyObject(ctx.body);
		const patch: { nick?: string | null } = {};
		if (body.nick !== undefined) {
			requireGuildPermission(ctx, guild, P.ChangeNickname);
			patch.nick = readNick(body.nick);
		}
		const member = ctx.world.updateMember(guild.id, botId(ctx), patch, botId(ctx), ctx.reason);
		return nickOnly ? { nick: member.nick } : memberPayload(member, ctx.world);
	};
}

/** Add/Remove Guild Member Role: 204 either way; a no-op change sends no event. */
function changeRole(add: boolean): RestRoute['handler'] {
	return (ctx) => {
		const guild = guildOf(ctx, ctx.params.guild_id as string);
		requireGuildPermission(ctx, guild, P.ManageRoles);
		const member = memberOf(guild, ctx.params.user_id as string);
		const role = roleOf(guild, ctx.params.role_id as string);
		requireAssignable(ctx, guild, role);
		if (add !== member.roles.includes(role.id)) {
			const roles = add ? [...member.roles, role.id] : member.roles.filter((r) => r !== role.id);
			ctx.world.updateMember(guild.id, member.userId, { roles }, botId(ctx), ctx.reason);
		}
		return undefined;
	};
}

/** Remove Guild Member (kick): Kick Members, and the bot must outrank the member (never the owner). */
const kick: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	requireGuildPermission(ctx, guild, P.KickMembers);
	const member = memberOf(guild, ctx.params.user_id as string);
	if (!outranks(guild, botId(ctx), member.userId)) throw Errors.missingPermissions();
	ctx.world.kick(guild.id, member.userId, botId(ctx), ctx.reason);
	return undefined;
};

const G = '/guilds/:guild_id';
const roleRoute = `${G}/members/:user_id/roles/:role_id`;

export const memberRoutes: RestRoute[] = [
	{ method: 'GET', path: `${G}/members/search`, auth: 'bot', handler: search },
	{ method: 'GET', path: `${G}/members`, auth: 'bot', handler: list },
	{ method: 'GET', path: `${G}/members/:user_id`, auth: 'bot', handler: get },
	{ method: 'PATCH', path: `${G}/members/:user_id/nick`, auth: 'bot', handler: editMe(true) },
	{ method: 'PATCH', path: `${G}/members/:user_id`, auth: 'bot', bucket: 'member.roles', handler: edit },
	{ method: 'DELETE', path: `${G}/members/:user_id`, auth: 'bot', bucket: 'member.kick', handler: kick },
	{ method: 'PUT', path: roleRoute, auth: 'bot', bucket: 'member.roles', handler: changeRole(true) },
	{ method: 'DELETE', path: roleRoute, auth: 'bot', bucket: 'member.roles', handler: changeRole(false) },
	...banRoutes,
];
