import type { Guild, GuildMember } from 'discord.js';
import { addMemberRoles, assignProblem } from 'foyer';
import plugin from './plugin.ts';
import { allEffective, countsOf } from './records/counts.ts';
import { listRanks, type Rank, rankRolesFor } from './records/ranks.ts';

const REASON = 'Invite rank (effective invites)';

/**
 * Brings one member's rank roles in line with their effective invites: roles of ranks reached are
 * given, roles of ranks no longer reached (or, in "highest" mode, below the highest) are taken back.
 * Roles Foyer cannot manage (hierarchy, managed) are left alone. Nothing while ranks are off.
 */
export async function syncMemberRanks(
	member: GuildMember,
	effective: number,
	ranks?: readonly Rank[],
): Promise<'changed' | 'same'> {
	const guild = member.guild;
	const s = plugin.settings(guild.id);
	if (!s.ranks) return 'same';
	const list = ranks ?? (await listRanks(guild.id));
	if (!list.length) return 'same';
	const wanted = new Set(rankRolesFor(list, effective, s.rankMode));
	const manageable = list.filter((r) => {
		const role = guild.roles.cache.get(r.roleId);
		return role !== undefined && assignProblem(role) === null;
	});
	const give = manageable.filter((r) => wanted.has(r.roleId) && !member.roles.cache.has(r.roleId)).map((r) => r.roleId);
	const take = manageable.filter((r) => !wanted.has(r.roleId) && member.roles.cache.has(r.roleId)).map((r) => r.roleId);
	if (!give.length && !take.length) return 'same';
	try {
		if (take.length) await member.roles.remove(take, REASON);
		if (give.length) await addMemberRoles({ plugin: plugin.id, member, roleIds: give, reason: REASON });
	} catch (error) {
		plugin.log.warn({ err: error, guild: guild.id, member: member.id }, 'Could not change invite rank roles');
		plugin.counters.note(guild.id, `Could not change the rank roles of ${member.user.username}: ${String(error)}`);
	}
	return 'changed';
}

/** One inviter's rank roles after their counters changed. */
export async function syncRanksOf(guild: Guild, inviterId: string): Promise<void> {
	if (!plugin.settings(guild.id).ranks) return;
	const member = guild.members.cache.get(inviterId) ?? (await guild.members.fetch(inviterId).catch(() => null));
	if (!member) return;
	await syncMemberRanks(member, (await countsOf(guild.id, inviterId)).effective);
}

/**
 * The repair action: every member's rank roles re-synced (members with counters, and members who
 * hold a rank role without any). Resolves how many members changed.
 */
export async function syncAllRanks(guild: Guild): Promise<number> {
	if (!plugin.settings(guild.id).ranks) return 0;
	const ranks = await listRanks(guild.id);
	const effective = await allEffective(guild.id);
	const rankRoles = new Set(ranks.map((r) => r.roleId));
	const members = await guild.members.fetch().catch(() => guild.members.cache);
	let changed = 0;
	for (const member of members.values()) {
		if (member.user.bot) continue;
		const e = effective.get(member.id) ?? 0;
		if (e === 0 && !member.roles.cache.some((r) => rankRoles.has(r.id))) continue;
		if ((await syncMemberRanks(member, e, ranks)) === 'changed') changed++;
	}
	return changed;
}
