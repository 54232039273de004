import { AuditLogEvent, GatewayDispatchEvents as E, GatewayIntentBits as I } from 'discord-api-types/v10';
import { ApiError } from '../errors.ts';
import { audit } from './audit-log.ts';
import { rolePayload } from './serialize.ts';
import type { EmAuditEntry, EmGuild, EmRole } from './types.ts';
import type { World } from './world.ts';

export interface RoleFields {
	name: string;
	permissions?: bigint;
	color?: number;
	mentionable?: boolean;
	hoist?: boolean;
}

export type RolePatch = Partial<Pick<EmRole, 'name' | 'permissions' | 'color' | 'mentionable' | 'hoist' | 'position'>>;

/** A role record; the first role of a guild is @everyone and takes the guild's id. */
export function newRole(world: World, guild: EmGuild, r: RoleFields, position: number): EmRole {
	return {
		id: guild.roles.size === 0 ? guild.id : world.newId(),
		guildId: guild.id,
		name: r.name,
		color: r.color ?? 0,
		hoist: r.hoist ?? false,
		position,
		permissions: r.permissions ?? 0n,
		managed: false,
		mentionable: r.mentionable ?? false,
	};
}

export function announceRole(world: World, t: E.GuildRoleCreate | E.GuildRoleUpdate, role: EmRole): void {
	world.dispatch({
		t,
		d: { guild_id: role.guildId, role: rolePayload(role) },
		intent: I.Guilds,
		guildId: role.guildId,
		appId: null,
	});
}

/** Creates a role at position 1, pushing the others up (each move is announced), as Discord does. */
export function createRole(
	world: World,
	guildId: string,
	r: Partial<RoleFields>,
	actorId: string | null,
	reason: string | null = null,
): EmRole {
	const guild = world.guild(guildId);
	const moved: EmRole[] = [];
	for (const other of guild.roles.values())
		if (other.position >= 1) {
			other.position++;
			moved.push(other);
		}
	const role = newRole(world, guild, { ...r, name: r.name ?? 'new role' }, 1);
	guild.roles.set(role.id, role);
	audit(world, guild, {
		actionType: AuditLogEvent.RoleCreate,
		userId: actorId,
		targetId: role.id,
		reason,
		changes: [{ key: 'name', new_value: role.name }],
	});
	announceRole(world, E.GuildRoleCreate, role);
	for (const other of moved) announceRole(world, E.GuildRoleUpdate, other);
	return role;
}

export function updateRole(
	world: World,
	guildId: string,
	roleId: string,
	patch: RolePatch,
	actorId: string | null,
	reason: string | null = null,
): EmRole {
	const guild = world.guild(guildId);
	const role = world.role(guildId, roleId);
	const changes: EmAuditEntry['changes'] = [];
	for (const [key, value] of Object.entries(patch) as [keyof RolePatch, never][]) {
		if (value === undefined || role[key] === value) continue;
		changes.push({ key, old_value: String(role[key]), new_value: String(value) });
		(role as unknown as Record<string, unknown>)[key] = value;
	}
	audit(world, guild, { actionType: AuditLogEvent.RoleUpdate, userId: actorId, targetId: role.id, reason, changes });
	announceRole(world, E.GuildRoleUpdate, role);
	return role;
}

/** Deletes a role and takes it from every member; @everyone cannot be deleted (50028). */
export function deleteRole(
	world: World,
	guildId: string,
	roleId: string,
	actorId: string | null,
	reason: string | null = null,
): void {
	const guild = world.guild(guildId);
	const role = world.role(guildId, roleId);
	if (role.id === guild.id) throw new ApiError(400, 50028, 'Invalid Role');
	guild.roles.delete(roleId);
	for (const m of guild.members.values()) {
		const i = m.roles.indexOf(roleId);
		if (i >= 0) m.roles.splice(i, 1);
	}
	audit(world, guild, {
		actionType: AuditLogEvent.RoleDelete,
		userId: actorId,
		targetId: roleId,
		reason,
		changes: [{ key: 'name', old_value: role.name }],
	});
	world.dispatch({
		t: E.GuildRoleDelete,
		d: { guild_id: guildId, role_id: roleId },
		intent: I.Guilds,
		guildId,
		appId: null,
	});
}
