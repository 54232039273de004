import plugin from '../plugin.ts';
import { num, type Sql, sqlOn } from './sql.ts';

export interface BlacklistEntry {
	userId: string;
	reason: string | null;
	byId: string;
	at: number;
}

const entryOf = (r: Record<string, unknown>): BlacklistEntry => ({
	userId: String(r.user_id),
	reason: (r.reason as string | null) ?? null,
	byId: String(r.by_id),
	at: num(r.at_ms),
});

export const REASON_MAX = 300;

/** Adds (or updates the reason of) a blacklisted user; resolves whether they were new. */
export async function blacklistAdd(
	guildId: string,
	userId: string,
	byId: string,
	reason: string | null,
	sql: Sql = sqlOn(),
): Promise<boolean> {
	const text = reason?.trim().slice(0, REASON_MAX) || null;
	const existed = (await blacklistGet(guildId, userId, sql)) !== null;
	await sql(
		`insert into invite_blacklist (guild_id, user_id, reason, by_id, at_ms) values (?, ?, ?, ?, ?)
		 on conflict (guild_id, user_id) do update set reason = excluded.reason, by_id = excluded.by_id, at_ms = excluded.at_ms`,
		[guildId, userId, text, byId, plugin.now()],
	);
	return !existed;
}

/** Resolves whether the user was on the list. */
export async function blacklistRemove(guildId: string, userId: string, sql: Sql = sqlOn()): Promise<boolean> {
	const existed = (await blacklistGet(guildId, userId, sql)) !== null;
	await sql('delete from invite_blacklist where guild_id = ? and user_id = ?', [guildId, userId]);
	return existed;
}

export async function blacklistGet(
	guildId: string,
	userId: string,
	sql: Sql = sqlOn(),
): Promise<BlacklistEntry | null> {
	const [row] = await sql(
		'select user_id, reason, by_id, at_ms from invite_blacklist where guild_id = ? and user_id = ?',
		[guildId, userId],
	);
	return row ? entryOf(row) : null;
}

/** The guild's blacklist, newest first. */
export async function blacklistList(guildId: string, sql: Sql = sqlOn()): Promise<BlacklistEntry[]> {
	const rows = await sql(
		'select user_id, reason, by_id, at_ms from invite_blacklist where guild_id = ? order by at_ms desc, user_id',
		[guildId],
	);
	return rows.map(entryOf);
}
