import plugin from '../plugin.ts';
import { num, type Sql } from './sql.ts';

/**
 * /invite import of one invite: `uses` are the uses it had that Foyer did not record. The row per
 * code keeps what was credited, and only the difference moves the inviter's `imported` counter, so
 * importing again credits nothing new (and a reset is not undone by a later import). Resolves the
 * uses newly credited.
 */
export async function importUses(
	sql: Sql,
	guildId: string,
	code: string,
	inviterId: string,
	uses: number,
): Promise<number> {
	const [row] = await sql('select inviter_id, uses from invite_imports where guild_id = ? and code = ?', [
		guildId,
		code,
	]);
	const before = row ? num(row.uses) : 0;
	if (row && String(row.inviter_id) === inviterId && uses <= before) return 0;
	const delta = row && String(row.inviter_id) === inviterId ? uses - before : uses;
	await sql(
		`insert into invite_imports (guild_id, code, inviter_id, uses, at_ms) values (?, ?, ?, ?, ?)
		 on conflict (guild_id, code) do update set inviter_id = excluded.inviter_id, uses = excluded.uses, at_ms = excluded.at_ms`,
		[guildId, code, inviterId, uses, plugin.now()],
	);
	if (delta <= 0) return 0;
	await sql(
		`insert into invite_counts (guild_id, inviter_id, tracked, imported, "left", fake, added, updated_at_ms) values (?, ?, 0, ?, 0, 0, 0, ?)
		 on conflict (guild_id, inviter_id) do update set imported = invite_counts.imported + excluded.imported, updated_at_ms = excluded.updated_at_ms`,
		[guildId, inviterId, delta, plugin.now()],
	);
	return delta;
}

/** Joins Foyer recorded through a code (credited or not): those uses are tracked, not imported. */
export async function recordedUsesOf(sql: Sql, guildId: string, code: string): Promise<number> {
	const [row] = await sql(
		`select count(*) as n from invite_joins where guild_id = ? and code = ? and source <> 'pending'`,
		[guildId, code],
	);
	return num(row?.n);
}

/** Joins of a guild not decided yet (their code is not known, so they may be any invite's use). */
export async function pendingCount(sql: Sql, guildId: string): Promise<number> {
	const [row] = await sql(`select count(*) as n from invite_joins where guild_id = ? and source = 'pending'`, [
		guildId,
	]);
	return num(row?.n);
}
