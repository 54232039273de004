import type { InviterCounts } from '../api.ts';
import plugin from '../plugin.ts';
import { num, type Sql, sqlOn } from './sql.ts';

/** A change to an inviter's counters (each applied as an atomic `x = x + n`). */
export interface CountsDelta {
	tracked?: number;
	left?: number;
	fake?: number;
	added?: number;
}

/** An inviter's counters with `imported` (part of `tracked`) shown apart. */
export interface InviterCountsView extends InviterCounts {
	imported: number;
}

export const ZERO: InviterCountsView = { tracked: 0, imported: 0, left: 0, fake: 0, added: 0, effective: 0 };

const effectiveSql = '(tracked + imported + added - "left" - fake)';

/** Moves an inviter's counters by `d`, creating their row on the first change. */
export async function bumpCounts(sql: Sql, guildId: string, inviterId: string, d: CountsDelta): Promise<void> {
	const t = d.tracked ?? 0;
	const l = d.left ?? 0;
	const f = d.fake ?? 0;
	const a = d.added ?? 0;
	if (!t && !l && !f && !a) return;
	await sql(
		`insert into invite_counts (guild_id, inviter_id, tracked, imported, "left", fake, added, updated_at_ms) values (?, ?, ?, 0, ?, ?, ?, ?)
		 on conflict (guild_id, inviter_id) do update set tracked = invite_counts.tracked + excluded.tracked,
		 "left" = invite_counts."left" + excluded."left", fake = invite_counts.fake + excluded.fake,
		 added = invite_counts.added + excluded.added, updated_at_ms = excluded.updated_at_ms`,
		[guildId, inviterId, t, l, f, a, plugin.now()],
	);
}

/** Sets an inviter's imported uses (the sum of their invite_imports rows). */
export async function setImported(sql: Sql, guildId: string, inviterId: string, imported: number): Promise<void> {
	await sql(
		`insert into invite_counts (guild_id, inviter_id, tracked, imported, "left", fake, added, updated_at_ms) values (?, ?, 0, ?, 0, 0, 0, ?)
		 on conflict (guild_id, inviter_id) do update set imported = excluded.imported, updated_at_ms = excluded.updated_at_ms`,
		[guildId, inviterId, imported, plugin.now()],
	);
}

/** /invite reset: every counter back to 0 (the joins themselves are marked `removed` by the caller). */
export async function resetCounts(sql: Sql, guildId: string, inviterId: string): Promise<void> {
	await sql(
		`update invite_counts set tracked = 0, imported = 0, "left" = 0, fake = 0, added = 0, updated_at_ms = ? where guild_id = ? and inviter_id = ?`,
		[plugin.now(), guildId, inviterId],
	);
}

function viewOf(r: Record<string, unknown>): InviterCountsView {
	const imported = num(r.imported);
	const tracked = num(r.tracked) + imported;
	const left = num(r.left);
	const fake = num(r.fake);
	const added = num(r.added);
	return { tracked, imported, left, fake, added, effective: tracked + added - left - fake };
}

export async function countsOf(guildId: string, inviterId: string, sql: Sql = sqlOn()): Promise<InviterCountsView> {
	const [row] = await sql(
		`select tracked, imported, "left", fake, added from invite_counts where guild_id = ? and inviter_id = ?`,
		[guildId, inviterId],
	);
	return row ? viewOf(row) : { ...ZERO };
}

export interface LeaderboardRow extends InviterCountsView {
	inviterId: string;
	rank: number;
}

/** Inviters by effective invites (ties: more tracked first, then id), one page. */
export async function leaderboard(
	guildId: string,
	page = 1,
	perPage = 10,
	sql: Sql = sqlOn(),
): Promise<{ rows: LeaderboardRow[]; total: number }> {
	const offset = (Math.max(1, page) - 1) * perPage;
	const rows = await sql(
		`select inviter_id, tracked, imported, "left", fake, added from invite_counts where guild_id = ?
		 and (tracked + imported + added + "left" + fake) <> 0
		 order by ${effectiveSql} desc, tracked + imported desc, inviter_id limit ? offset ?`,
		[guildId, perPage, offset],
	);
	const [count] = await sql(
		`select count(*) as n from invite_counts where guild_id = ? and (tracked + imported + added + "left" + fake) <> 0`,
		[guildId],
	);
	return {
		rows: rows.map((r, i) => ({ inviterId: String(r.inviter_id), rank: offset + i + 1, ...viewOf(r) })),
		total: num(count?.n),
	};
}

/** Every inviter with counters in a guild and their effective invites (for the rank re-sync). */
export async function allEffective(guildId: string, sql: Sql = sqlOn()): Promise<Map<string, number>> {
	const rows = await sql(`select inviter_id, ${effectiveSql} as e from invite_counts where guild_id = ?`, [guildId]);
	return new Map(rows.map((r) => [String(r.inviter_id), num(r.e)]));
}
