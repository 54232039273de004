import type { TrueJoin } from '../plugins/invites/attribution/oracle.ts';
import type { JoinRecord } from '../plugins/invites/records/join-record.ts';
import { boundaryOracle, type Credited, creditedOf } from '../plugins/invites/test/_raid-truth.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Watch {
	/** Resolves once every true join so far has a final, stored decision (or after `timeoutMs`). */
	settled(joins: readonly TrueJoin[], timeoutMs: number): Promise<boolean>;
	/** What was credited for a join (engine key), once settled. */
	credited(key: string): Credited;
	/** The oracle with the snapshot boundaries as this bot saw them (see plugins/invites/test/_raid-truth.ts). */
	boundaryBound(truth: Parameters<typeof boundaryOracle>[0]): number;
	stop(): void;
}

/**
 * The invites plugin running in a real Foyer, read the way its users read it: the join records it
 * stored (invite_joins), once its session for the guild has taken its first snapshot.
 */
export async function attachPlugin(guildId: string, timeoutMs = 30_000): Promise<Watch> {
	// Loaded once Foyer runs: the session registry hooks into the running plugin when imported.
	const { sessionOf } = await import('../plugins/invites/_sessions.ts');
	const { JOIN_COLUMNS, joinRecordOf } = await import('../plugins/invites/records/join-record.ts');
	const { sqlOn } = await import('../plugins/invites/records/sql.ts');
	const deadline = performance.now() + timeoutMs;
	while (!sessionOf(guildId)?.tracker?.timeline.obs.length) {
		if (performance.now() > deadline) throw new Error('the invites plugin took no snapshot of the bench guild');
		await sleep(50);
	}
	let rows = new Map<string, JoinRecord>();
	const timeline = () => sessionOf(guildId)?.tracker?.timeline;
	return {
		async settled(joins, ms) {
			const until = performance.now() + ms;
			while (performance.now() < until) {
				const t = timeline();
				if (t && t.inFlight === 0 && t.joins.every((j) => j.decided)) {
					await sessionOf(guildId)?.settled();
					const all = await sqlOn()(`select ${JOIN_COLUMNS} from invite_joins where guild_id = ?`, [guildId]);
					rows = new Map(all.map((r) => [String(r.join_key), joinRecordOf(r)] as const));
					if (joins.every((j) => (rows.get(`${j.userId}:${j.joinedAt}`)?.source ?? 'pending') !== 'pending'))
						return true;
				}
				await sleep(100);
			}
			return false;
		},
		credited: (key) => creditedOf(rows.get(key)),
		boundaryBound(truth) {
			const t = timeline();
			if (!t) return Number.NaN;
			return boundaryOracle(truth, t.obs, new Map(t.joins.map((j) => [j.key, j.pos]))).bound;
		},
		stop() {},
	};
}
