import type { Guild } from 'discord.js';
import { announceUncounted } from './_announce.ts';
import { syncRanksOf } from './_ranks.ts';
import { bumpCounts } from './records/counts.ts';
import { markLeft } from './records/joins.ts';
import { transaction } from './records/sql.ts';

/**
 * A member left: their open join is marked left, and when it counted, it moves to `left` for its
 * inviter (`invites:joinUncounted`, reason left) and the inviter's rank roles follow. A join still
 * being decided is settled by its decision (which sees the leave).
 */
export async function recordLeave(guild: Guild, memberId: string, at: number): Promise<void> {
	const before = await transaction(async (sql) => {
		const row = await markLeft(sql, guild.id, memberId, at);
		if (row?.credit === 'counted' && row.inviterId) await bumpCounts(sql, guild.id, row.inviterId, { left: 1 });
		return row;
	});
	if (before?.credit !== 'counted' || !before.inviterId) return;
	await announceUncounted(before, 'left', at);
	await syncRanksOf(guild, before.inviterId);
}
