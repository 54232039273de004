import plugin from './plugin.ts';
import type { JoinRecord } from './records/join-record.ts';
import { sqlOn } from './records/sql.ts';

/** The id the published events give a join: stable across restarts (consumers dedupe by it). */
export const joinIdOf = (j: Pick<JoinRecord, 'guildId' | 'joinKey'>) => `${j.guildId}:${j.joinKey}`;

/**
 * Announces a counted join (`invites:joinCounted`) and marks it announced once every consumer
 * handled it; a consumer's failure leaves it unannounced, and the reconcile task tries again
 * (consumers dedupe by joinId, so a second announcement after a crash adds nothing).
 */
export async function announceCounted(j: JoinRecord): Promise<void> {
	if (j.inviterId === null) return;
	try {
		await plugin.events.emit('invites:joinCounted', {
			guildId: j.guildId,
			joinId: joinIdOf(j),
			memberId: j.memberId,
			inviterId: j.inviterId,
			code: j.code ?? '',
			joinedAt: j.joinedAt,
		});
		await sqlOn()('update invite_joins set announced = ? where id = ?', [true, j.id]);
	} catch (error) {
		plugin.log.warn(
			{ err: error, guild: j.guildId, join: j.id },
			'A consumer of invites:joinCounted failed; retried later',
		);
	}
}

/** A counted join stopped counting: the member left, a later finding made it fake, or an admin removed it. */
export async function announceUncounted(j: JoinRecord, reason: 'left' | 'fake' | 'removed', at: number): Promise<void> {
	if (j.inviterId === null) return;
	try {
		await plugin.events.emit('invites:joinUncounted', {
			guildId: j.guildId,
			joinId: joinIdOf(j),
			memberId: j.memberId,
			inviterId: j.inviterId,
			reason,
			joinedAt: j.joinedAt,
			at,
		});
	} catch (error) {
		plugin.log.warn({ err: error, guild: j.guildId, join: j.id, reason }, 'A consumer of invites:joinUncounted failed');
	}
}

/** Counted joins whose announcement did not go through (a crash, a failing consumer): announced again. */
export async function announceMissed(guildId: string): Promise<number> {
	const { JOIN_COLUMNS, joinRecordOf } = await import('./records/join-record.ts');
	const rows = await sqlOn()(
		`select ${JOIN_COLUMNS} from invite_joins where guild_id = ? and credit = 'counted' and not announced order by id limit 200`,
		[guildId],
	);
	for (const r of rows) await announceCounted(joinRecordOf(r));
	return rows.length;
}
