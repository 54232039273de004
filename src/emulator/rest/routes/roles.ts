import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { Errors, fieldError } from '../../errors.ts';
import { type RestRoute, type RouteContext, requireApp } from '../../http/route.ts';
import { basePermissions, canManageRoleAt, has } from '../../world/permissions.ts';
import { rolePayload } from '../../world/serialize.ts';
import type { EmGuild, EmRole } from '../../world/types.ts';
import { guildOf, requireGuildPermission } from '../access.ts';

/** Role body fields with Discord's limits; a bot may not grant permissions it lacks itself. */
function readRole(ctx: RouteContext, guild: EmGuild, body: Record<string, unknown>) {
	const out: Partial<Pick<EmRole, 'name' | 'permissions' | 'color' | 'mentionable' | 'hoist'>> = {};
	if (body.name !== undefined) {
		if (typeof body.name !== 'string' || body.name.length > 100)
			throw fieldError('name', 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
		out.name = body.name;
	}
	if (body.permissions !== undefined && body.permissions !== null) {
		const perms = BigInt(String(body.permissions));
		const mine = basePermissions(guild, requireApp(ctx).botUserId);
		if (!has(mine, P.Administrator) && (perms & ~mine) !== 0n) throw Errors.missingPermissions();
		out.permissions = perms;
	}
	if (body.color !== undefined && body.color !== null) {
		if (typeof body.color !== 'number' || body.color < 0 || body.color > 0xffffff)
			throw fieldError('color', 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
		out.color = body.color;
	}
	if (typeof body.mentionable === 'boolean') out.mentionable = body.mentionable;
	if (typeof body.hoist === 'boolean') out.hoist = body.hoist;
	return out;
}

function manageable(ctx: RouteContext, guild: EmGuild, roleId: string): EmRole {
	requireGuildPermission(ctx, guild, P.ManageRoles);
	const role = guild.roles.get(roleId);
	if (!role) throw Errors.unknownRole();
	if (!canManageRoleAt(guild, requireApp(ctx).botUserId, role.position)) throw Errors.missingPermissions();
	return role;
}

export const roleRoutes: RestRoute[] = [
	{
		method: 'GET',
		path: '/guilds/:guild_id/roles',
		auth: 'bot',
		handler: (ctx) => [...guildOf(ctx, ctx.params.guild_id as string).roles.values()].map(rolePayload),
	},
	{
		method: 'GET',
		path: '/guilds/:guild_id/roles/:role_id',
		auth: 'bot',
		handler: (ctx) => {
			const role = guildOf(ctx, ctx.params.guild_id as string).roles.get(ctx.params.role_id as string);
			if (!role) throw Errors.unknownRole();
			return rolePayload(role);
		},
	},
	{
		method: 'POST',
		path: '/guilds/:guild_id/roles',
		auth: 'bot',
		handler: (ctx) => {
			const guild = guildOf(ctx, ctx.params.guild_id as string);
			requireGuildPermission(ctx, guild, P.ManageRoles);
			const fields = readRole(ctx, guild, (ctx.body ?? {}) as Record<string, unknown>);
			return rolePayload(ctx.world.createRole(guild.id, fields, requireApp(ctx).botUserId, ctx.reason));
		},
	},
	{
		method: 'PATCH',
		path: '/guilds/:guild_id/roles/:role_id',
		auth: 'bot',
		handler: (ctx) => {
			const guild = guildOf(ctx, ctx.params.guild_id as string);
			const role = manageable(ctx, guild, ctx.params.role_id as string);
			return rolePayload(
				ctx.world.updateRole(
					guild.id,
					role.id,
					readRole(ctx, guild, (ctx.body ?? {}) as Record<string, unknown>),
					requireApp(ctx).botUserId,
					ctx.reason,
				),
			);
		},
	},
	{
		method: 'PATCH',
		path: '/guilds/:guild_id/roles',
		auth: 'bot',
		handler: (ctx) => {
			const guild = guildOf(ctx, ctx.params.guild_id as string);
			if (!Array.isArray(ctx.body))
				throw fieldError('_root', 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
			const moves = ctx.body as { id: string; position?: number }[];
			const botTop = (id: string) => manageable(ctx, guild, id);
			for (const move of moves) {
				botTop(move.id);
				if (typeof move.position === 'number' && !canManageRoleAt(guild, requireApp(ctx).botUserId, move.position))
					throw Errors.missingPermissions();
			}
			for (const move of moves)
				if (typeof move.position === 'number')
					ctx.world.updateRole(guild.id, move.id, { position: move.position }, requireApp(ctx).botUserId, ctx.reason);
			return [...guild.roles.values()].map(rolePayload);
		},
	},
	{
		method: 'DELETE',
		path: '/guilds/:guild_id/roles/:role_id',
		auth: 'bot',
		handler: (ctx) => {
			const guild = guildOf(ctx, ctx.params.guild_id as string);
			const role = manageable(ctx, guild, ctx.params.role_id as string);
			if (role.managed) throw Errors.missingPermissions();
			ctx.world.deleteRole(guild.id, role.id, requireApp(ctx).botUserId, ctx.reason);
			return undefined;
		},
	},
];
