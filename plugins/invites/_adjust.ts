import type { Guild } from 'discord.js';
import { announceUncounted } from './_announce.ts';
import { syncRanksOf } from './_ranks.ts';
import plugin from './plugin.ts';
import { bumpCounts, countsOf, type InviterCountsView, resetCounts } from './records/counts.ts';
import { JOIN_COLUMNS, joinRecordOf } from './records/join-record.ts';
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

/**
 * Blacklisting with "their past joins too": the counted joins the user brought (as inviter) or made
 * (as member), still counting (member there), become fake for their inviters, with the blacklist
 * flag and reason, and are announced as uncounted (`fake`, once: a fake join is never counted
 * again). Joins that already left were taken back when they left. Resolves how many changed.
 */
export async function makePastJoinsFake(guild: Guild, userId: string, reason: string): Promise<number> {
	const changed = await transaction(async (sql) => {
		const rows = await sql(
			`select ${JOIN_COLUMNS} from invite_joins where guild_id = ? and credit = 'counted' and left_at_ms is null
			 and inviter_id is not null and (inviter_id = ? or member_id = ?) order by joined_at_ms`,
			[guild.id, userId, userId],
		);
		const joins = rows.map(joinRecordOf);
		for (const j of joins) {
			const rule = j.memberId === userId ? 'blacklisted-member' : 'blacklisted-inviter';
			const evidence = `${rule === 'blacklisted-member' ? 'member' : 'inviter'} was blacklisted later: ${reason}`;
			const flags = [...j.flags, { rule, evidence, data: { reason, later: 'yes' } }];
			await sql(
				`update invite_joins set credit = 'fake', credit_note = 'blacklisted', flags = ?, flag = ? where id = ?`,
				[JSON.stringify(flags), j.flag ?? rule, j.id],
			);
			await bumpCounts(sql, guild.id, j.inviterId as string, { fake: 1 });
		}
		return joins;
	});
	const at = plugin.now();
	for (const j of changed) await announceUncounted(j, 'fake', at);
	for (const id of new Set(changed.map((j) => j.inviterId as string))) await syncRanksOf(guild, id);
	return changed.length;
}
