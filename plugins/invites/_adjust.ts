import type { Guild } from 'discord.js';
import { announceUncounted } from './_announce.ts';
import { syncRanksOf } from './_ranks.ts';
import plugin from './plugin.ts';
import { bumpCounts, countsOf, type InviterCountsView, resetCounts } from './records/counts.ts';
import { countedJoinsOf, setCredit } from './records/joins.ts';
import { transaction } from './records/sql.ts';

/** The most /invite add moves at once (either way). */
export const MAX_BONUS = 100_000;

/** /invite add: moves an inviter's bonus (`added`, may go negative), then their rank roles follow. */
export async function addBonus(guild: Guild, inviterId: string, delta: number): Promise<InviterCountsView> {
	await transaction((sql) => bumpCounts(sql, guild.id, inviterId, { added: delta }));
	await syncRanksOf(guild, inviterId);
	return countsOf(guild.id, inviterId);
}

/**
 * /invite reset: every counter of the inviter back to 0, and each join that credited them becomes
 * `removed`. A counted join whose member is still there stopped counting now, so it is announced as
 * uncounted (`removed`, once: a removed join is never counted again); one that already left was
 * announced when it left. Resolves how many counted joins were taken back.
 */
export async function resetInviter(guild: Guild, inviterId: string): Promise<number> {
	const taken = await transaction(async (sql) => {
		const joins = await countedJoinsOf(guild.id, inviterId, sql);
		for (const j of joins) await setCredit(sql, j.id, 'removed', `reset:${j.credit}`);
		await resetCounts(sql, guild.id, inviterId);
		return joins;
	});
	const at = plugin.now();
	const counted = taken.filter((j) => j.credit === 'counted' && j.leftAt === null);
	for (const j of counted) await announceUncounted(j, 'removed', at);
	await syncRanksOf(guild, inviterId);
	return counted.length;
}
