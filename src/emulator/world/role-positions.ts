import { GatewayDispatchEvents as E, GatewayIntentBits as I } from 'discord-api-types/v10';
import { rolePayload } from './serialize.ts';
import type { EmGuild, EmRole } from './types.ts';
import type { World } from './world.ts';

/**
 * The guild's roles other than @everyone, lowest first. Equal positions are broken by id, the
 * older (smaller) id ranking higher, as Discord and discord.js order them.
 */
export function rolesBottomUp(guild: EmGuild): EmRole[] {
	return [...guild.roles.values()]
		.filter((r) => r.id !== guild.id)
		.sort((a, b) => a.position - b.position || (BigInt(a.id) > BigInt(b.id) ? -1 : 1));
}

/** Each role's rank in that order: 1 for the lowest role above @everyone (which is 0). */
export function roleRanks(guild: EmGuild): Map<string, number> {
	const ranks = new Map<string, number>([[guild.id, 0]]);
	for (const [i, role] of rolesBottomUp(guild).entries()) ranks.set(role.id, i + 1);
	return ranks;
}

/**
 * Moves roles to the requested positions and renumbers every role 1..n, as Modify Guild Role
 * Positions does; the others keep their relative order. Dispatches GUILD_ROLE_UPDATE for each
 * role whose position changed and returns those roles. No audit log entry is written for a reorder.
 */
export function reorderRoles(world: World, guildId: string, moves: { id: string; position: number }[]): EmRole[] {
	const guild = world.guild(guildId);
	const wanted = new Map(moves.filter((m) => m.id !== guild.id).map((m) => [m.id, m.position]));
	const order = rolesBottomUp(guild).filter((r) => !wanted.has(r.id));
	// Ascending by wanted position; on a tie the older role goes in first and so ends up higher.
	const moved = [...wanted.keys()]
		.map((id) => world.role(guildId, id))
		.sort((a, b) => (wanted.get(a.id) ?? 0) - (wanted.get(b.id) ?? 0) || (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
	for (const role of moved) {
		const index = Math.min(Math.max((wanted.get(role.id) ?? 1) - 1, 0), order.length);
		order.splice(index, 0, role);
	}
	const changed: EmRole[] = [];
	for (const [i, role] of order.entries()) {
		if (role.position === i + 1) continue;
		role.position = i + 1;
		changed.push(role);
	}
	for (const role of changed)
		world.dispatch({
			t: E.GuildRoleUpdate,
			d: { guild_id: guildId, role: rolePayload(role) },
			intent: I.Guilds,
			guildId,
			appId: null,
		});
	return changed;
}
