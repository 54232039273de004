import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { Errors, fieldError } from '../../errors.ts';
import type { RestRoute, RouteContext } from '../../http/route.ts';
import { isSnowflake } from '../../snowflake.ts';
import { has } from '../../world/permissions.ts';
import { reorderRoles, roleRanks } from '../../world/role-positions.ts';
import { rolePayload } from '../../world/serialize.ts';
import type { EmGuild, EmRole } from '../../world/types.ts';
import { botGuildPermissions, botId, guildOf, requireGuildPermission, requireRoleBelowBot, roleOf } from '../access.ts';
import { bodyBool, bodyInt, bodyObject } from '../input.ts';

type RoleFields = Partial<Pick<EmRole, 'name' | 'permissions' | 'color' | 'mentionable' | 'hoist'>>;

function readPermissions(value: unknown): bigint {
	const text = typeof value === 'number' ? String(value) : value;
	if (typeof text !== 'string' || !/^\d{1,30}$/.test(text))
		throw fieldError('permissions', 'NUMBER_TYPE_COERCE', `Value "${String(value)}" is not int.`);
	return BigInt(text);
}

/**
 * The fields of a role create/edit body with Discord's limits. A bot without Administrator may
 * not grant a permission it lacks itself (50013); permissions the role already has may stay.
 */
function readRole(ctx: RouteContext, guild: EmGuild, body: Record<string, unknown>, current?: EmRole): RoleFields {
	const out: RoleFields = {};
	if (body.name !== undefined && body.name !== null) {
		if (typeof body.name !== 'string' || body.name.length > 100)
			throw fieldError('name', 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
		out.name = body.name;
	}
	if (body.permissions !== undefined && body.permissions !== null) {
		const perms = readPermissions(body.permissions);
		const mine = botGuildPermissions(ctx, guild);
		const granted = perms & ~(current?.permissions ?? 0n);
		if (!has(mine, P.Administrator) && (granted & ~mine) !== 0n) throw Errors.missingPermissions();
		out.permissions = perms;
	}
	const colors = body.colors as { primary_color?: unknown } | null | undefined;
	const color = colors && typeof colors === 'object' ? colors.primary_color : body.color;
	if (color !== undefined && color !== null) out.color = bodyInt(color, 'color', 0, 0xffffff, 0);
	const hoist = bodyBool(body.hoist, 'hoist');
	if (hoist !== undefined) out.hoist = hoist;
	const mentionable = bodyBool(body.mentionable, 'mentionable');
	if (mentionable !== undefined) out.mentionable = mentionable;
	return out;
}

/** A role the bot may edit or delete: Manage Roles, and the role sits below the bot's highest role. */
function manageable(ctx: RouteContext, guild: EmGuild, roleId: string): EmRole {
	requireGuildPermission(ctx, guild, P.ManageRoles);
	const role = roleOf(guild, roleId);
	requireRoleBelowBot(ctx, guild, role);
	return role;
}

const create: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	requireGuildPermission(ctx, guild, P.ManageRoles);
	const fields = readRole(ctx, guild, bodyObject(ctx.body));
	// Without `permissions` a new role copies @everyone's, as on Discord.
	const role = ctx.world.createRole(
		guild.id,
		{ name: 'new role', permissions: guild.roles.get(guild.id)?.permissions ?? 0n, ...fields },
		botId(ctx),
		ctx.reason,
	);
	return rolePayload(role);
};

const edit: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	const role = manageable(ctx, guild, ctx.params.role_id as string);
	const fields = readRole(ctx, guild, bodyObject(ctx.body), role);
	return rolePayload(ctx.world.updateRole(guild.id, role.id, fields, botId(ctx), ctx.reason));
};

/**
 * Modify Guild Role Positions. discord.js sends every role with its new position; only the roles
 * that actually move must lie below the bot's highest role, and may not be moved up to it.
 */
const reorder: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	requireGuildPermission(ctx, guild, P.ManageRoles);
	if (!Array.isArray(ctx.body))
		throw fieldError('_root', 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
	const ranks = roleRanks(guild);
	const botRoles = guild.members.get(botId(ctx))?.roles ?? [];
	const top =
		guild.ownerId === botId(ctx) ? Number.POSITIVE_INFINITY : Math.max(0, ...botRoles.map((id) => ranks.get(id) ?? 0));
	const moves: { id: string; position: number }[] = [];
	for (const [i, raw] of (ctx.body as unknown[]).entries()) {
		const entry = bodyObject(raw);
		if (!isSnowflake(entry.id))
			throw fieldError(`${i}.id`, 'NUMBER_TYPE_COERCE', `Value "${entry.id}" is not snowflake.`);
		const role = roleOf(guild, entry.id);
		if (entry.position === undefined || entry.position === null) continue;
		const position = bodyInt(entry.position, `${i}.position`, 0, Number.MAX_SAFE_INTEGER, 0);
		const rank = ranks.get(role.id) ?? 0;
		if (position === rank) continue;
		if (role.id === guild.id || rank >= top || position >= top) throw Errors.missingPermissions();
		moves.push({ id: role.id, position });
	}
	reorderRoles(ctx.world, guild.id, moves);
	return [...guild.roles.values()].map(rolePayload);
};

const remove: RestRoute['handler'] = (ctx) => {
	const guild = guildOf(ctx, ctx.params.guild_id as string);
	const role = manageable(ctx, guild, ctx.params.role_id as string);
	if (role.managed) throw Errors.missingPermissions();
	ctx.world.deleteRole(guild.id, role.id, botId(ctx), ctx.reason);
	return undefined;
};

const R = '/guilds/:guild_id/roles';

export const roleRoutes: RestRoute[] = [
	{
		method: 'GET',
		path: R,
		auth: 'bot',
		handler: (ctx) => [...guildOf(ctx, ctx.params.guild_id as string).roles.values()].map(rolePayload),
	},
	{
		method: 'GET',
		path: `${R}/:role_id`,
		auth: 'bot',
		handler: (ctx) => rolePayload(roleOf(guildOf(ctx, ctx.params.guild_id as string), ctx.params.role_id as string)),
	},
	{ method: 'POST', path: R, auth: 'bot', handler: create },
	{ method: 'PATCH', path: R, auth: 'bot', handler: reorder },
	{ method: 'PATCH', path: `${R}/:role_id`, auth: 'bot', handler: edit },
	{ method: 'DELETE', path: `${R}/:role_id`, auth: 'bot', handler: remove },
];
