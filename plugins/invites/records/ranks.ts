import plugin from '../plugin.ts';
import { num, type Sql, sqlOn } from './sql.ts';

export interface Rank {
	roleId: string;
	/** Effective invites needed. */
	invites: number;
}

export const RANK_MAX_INVITES = 1_000_000;

/** The guild's ranks, lowest threshold first. */
export async function listRanks(guildId: string, sql: Sql = sqlOn()): Promise<Rank[]> {
	const rows = await sql('select role_id, invites from invite_ranks where guild_id = ? order by invites, role_id', [
		guildId,
	]);
	return rows.map((r) => ({ roleId: String(r.role_id), invites: num(r.invites) }));
}

/**
 * Adds a rank or moves an existing one to a new threshold (the caller checked the role can be
 * given: hierarchy, managed roles). Resolves whether it was new.
 */
export async function saveRank(guildId: string, roleId: string, invites: number, sql: Sql = sqlOn()): Promise<boolean> {
	if (!Number.isInteger(invites) || invites < 1 || invites > RANK_MAX_INVITES)
		throw new RangeError(`A rank needs between 1 and ${RANK_MAX_INVITES} invites`);
	const [existing] = await sql('select 1 as x from invite_ranks where guild_id = ? and role_id = ?', [guildId, roleId]);
	await sql(
		`insert into invite_ranks (guild_id, role_id, invites, created_at_ms) values (?, ?, ?, ?)
		 on conflict (guild_id, role_id) do update set invites = excluded.invites`,
		[guildId, roleId, invites, plugin.now()],
	);
	return !existing;
}

/** Resolves whether there was such a rank. */
export async function removeRank(guildId: string, roleId: string, sql: Sql = sqlOn()): Promise<boolean> {
	const [existing] = await sql('select 1 as x from invite_ranks where guild_id = ? and role_id = ?', [guildId, roleId]);
	await sql('delete from invite_ranks where guild_id = ? and role_id = ?', [guildId, roleId]);
	return existing !== undefined;
}

/** The roles a member should have at `effective` invites: every rank reached (stack) or the highest one. */
export function rankRolesFor(ranks: readonly Rank[], effective: number, mode: 'stack' | 'highest'): string[] {
	const reached = ranks.filter((r) => effective >= r.invites).sort((a, b) => a.invites - b.invites);
	if (mode === 'highest') return reached.length ? [(reached.at(-1) as Rank).roleId] : [];
	return reached.map((r) => r.roleId);
}
