import type { StoredCandidate, StoredFlag } from '../entities/invite-join.ts';
import { type Credit, JOIN_COLUMNS, type JoinRecord, joinRecordOf, type StoredSource } from './join-record.ts';
import { bit, type Sql, sqlOn } from './sql.ts';

/** A join as it arrives, before the engine decided where it came from. */
export interface NewJoin {
	guildId: string;
	memberId: string;
	joinKey: string;
	joinedAt: number;
	accountCreatedAt: number;
	bot: boolean;
	offline?: boolean;
}

/**
 * Records a join as `pending` (so that a crash before the decision still knows it at the next
 * start). Resolves false when the join was recorded before (a repeated GUILD_MEMBER_ADD).
 */
export async function recordPendingJoin(j: NewJoin, sql: Sql = sqlOn()): Promise<boolean> {
	const rows = await sql(
		`insert into invite_joins (guild_id, member_id, join_key, joined_at_ms, source, candidates, flags, credit, account_created_at_ms, bot, offline)
		 values (?, ?, ?, ?, 'pending', '[]', '[]', 'none', ?, ?, ?) on conflict (guild_id, join_key) do nothing returning id`,
		[j.guildId, j.memberId, j.joinKey, j.joinedAt, j.accountCreatedAt, bit(j.bot), bit(j.offline ?? false)],
	);
	return rows.length > 0;
}

/** What the engine (and the fraud rules) decided for a join. */
export interface JoinDecisionRecord {
	source: Exclude<StoredSource, 'pending'>;
	inviterId: string | null;
	code: string | null;
	unknownReason: string | null;
	candidates: StoredCandidate[];
	flags: StoredFlag[];
	credit: Credit;
	creditNote: string | null;
	inviterWasMember: boolean | null;
	offline: boolean;
	decidedAt: number;
}

/** Stores a decision; resolves the row as it was before (null when the join is not recorded). */
export async function storeDecision(
	sql: Sql,
	guildId: string,
	joinKey: string,
	d: JoinDecisionRecord,
): Promise<JoinRecord | null> {
	const [before] = await sql(`select ${JOIN_COLUMNS} from invite_joins where guild_id = ? and join_key = ?`, [
		guildId,
		joinKey,
	]);
	if (!before) return null;
	await sql(
		`update invite_joins set source = ?, inviter_id = ?, code = ?, unknown_reason = ?, candidates = ?, flags = ?, flag = ?,
		 credit = ?, credit_note = ?, inviter_was_member = ?, offline = ?, decided_at_ms = ? where guild_id = ? and join_key = ?`,
		[
			d.source,
			d.inviterId,
			d.code,
			d.unknownReason,
			JSON.stringify(d.candidates),
			JSON.stringify(d.flags),
			d.flags[0]?.rule ?? null,
			d.credit,
			d.creditNote,
			d.inviterWasMember === null ? null : bit(d.inviterWasMember),
			bit(d.offline),
			d.decidedAt,
			guildId,
			joinKey,
		],
	);
	return joinRecordOf(before);
}

export async function joinByKey(guildId: string, joinKey: string, sql: Sql = sqlOn()): Promise<JoinRecord | null> {
	const [row] = await sql(`select ${JOIN_COLUMNS} from invite_joins where guild_id = ? and join_key = ?`, [
		guildId,
		joinKey,
	]);
	return row ? joinRecordOf(row) : null;
}

export async function joinById(guildId: string, id: number, sql: Sql = sqlOn()): Promise<JoinRecord | null> {
	const [row] = await sql(`select ${JOIN_COLUMNS} from invite_joins where guild_id = ? and id = ?`, [guildId, id]);
	return row ? joinRecordOf(row) : null;
}

/** A member's latest join of a guild (the one that is theirs now, if they are a member), or null. */
export async function latestJoinOf(guildId: string, memberId: string, sql: Sql = sqlOn()): Promise<JoinRecord | null> {
	const [row] = await sql(
		`select ${JOIN_COLUMNS} from invite_joins where guild_id = ? and member_id = ? order by joined_at_ms desc, id desc limit 1`,
		[guildId, memberId],
	);
	return row ? joinRecordOf(row) : null;
}

/** A member's joins of a guild before `beforeMs`, newest first. */
export async function earlierJoinsOf(
	guildId: string,
	memberId: string,
	beforeMs: number,
	sql: Sql = sqlOn(),
): Promise<JoinRecord[]> {
	const rows = await sql(
		`select ${JOIN_COLUMNS} from invite_joins where guild_id = ? and member_id = ? and joined_at_ms < ? order by joined_at_ms desc`,
		[guildId, memberId, beforeMs],
	);
	return rows.map(joinRecordOf);
}

/** When the inviter's credited joins (counted or fake) in a guild happened, from `sinceMs`. */
export async function inviterJoinTimes(
	guildId: string,
	inviterId: string,
	sinceMs: number,
	sql: Sql = sqlOn(),
): Promise<number[]> {
	const rows = await sql<{ joined_at_ms: unknown }>(
		`select joined_at_ms from invite_joins where guild_id = ? and inviter_id = ? and credit in ('counted', 'fake') and joined_at_ms >= ?`,
		[guildId, inviterId, sinceMs],
	);
	return rows.map((r) => Number(r.joined_at_ms));
}

/** Joins of a guild still waiting for a decision (at start: they are offline joins for the engine). */
export async function pendingJoins(guildId: string, sql: Sql = sqlOn()): Promise<JoinRecord[]> {
	const rows = await sql(
		`select ${JOIN_COLUMNS} from invite_joins where guild_id = ? and source = 'pending' order by joined_at_ms`,
		[guildId],
	);
	return rows.map(joinRecordOf);
}

/** Whether a join (engine key) is recorded. */
export async function isRecorded(guildId: string, joinKey: string, sql: Sql = sqlOn()): Promise<boolean> {
	return (
		(await sql('select 1 as x from invite_joins where guild_id = ? and join_key = ?', [guildId, joinKey])).length > 0
	);
}

/**
 * Marks the member's open join (the latest without a leave) as left; resolves it as it was
 * before, or null when Foyer has no open join of theirs.
 */
export async function markLeft(sql: Sql, guildId: string, memberId: string, atMs: number): Promise<JoinRecord | null> {
	const [row] = await sql(
		`select ${JOIN_COLUMNS} from invite_joins where guild_id = ? and member_id = ? and left_at_ms is null order by joined_at_ms desc, id desc limit 1`,
		[guildId, memberId],
	);
	if (!row) return null;
	await sql('update invite_joins set left_at_ms = ? where id = ?', [atMs, row.id]);
	return joinRecordOf(row);
}

/** An inviter's joins that count now (counted, member still there): what /invite reset takes back. */
export async function countedJoinsOf(guildId: string, inviterId: string, sql: Sql = sqlOn()): Promise<JoinRecord[]> {
	const rows = await sql(
		`select ${JOIN_COLUMNS} from invite_joins where guild_id = ? and inviter_id = ? and credit in ('counted', 'fake') order by joined_at_ms`,
		[guildId, inviterId],
	);
	return rows.map(joinRecordOf);
}

export async function setCredit(sql: Sql, id: number, credit: Credit, note: string | null): Promise<void> {
	await sql('update invite_joins set credit = ?, credit_note = ? where id = ?', [credit, note, id]);
}
