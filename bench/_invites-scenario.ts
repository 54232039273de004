import { oracleBound } from '../plugins/invites/attribution/oracle.ts';
import { boundaryOracle, isRight } from '../plugins/invites/test/_raid-truth.ts';
import { attachEngine } from './_invites-driver.ts';
import { attachPlugin, type Watch } from './_invites-plugin.ts';
import { attachSeed004 } from './_invites-seed004.ts';
import type { BenchWorld, startBenchWorld, Watcher } from './_invites-world.ts';

export interface ScenarioSpec {
	name: string;
	vanity: boolean;
	/** Scored against the raid targets (fetch rate, REST budget, 429s). */
	raid: boolean;
	/** Invites that exist before tracking starts; returns their codes. */
	setup(w: BenchWorld): string[];
	drive(w: BenchWorld, codes: string[]): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The engine on a plain client, read from its decisions as they are emitted. */
async function watchEngine(w: BenchWorld, vanity: boolean): Promise<Watch> {
	if (!w.engineClient) throw new Error('engine mode needs the plain client');
	const engine = await attachEngine(w.engineClient, w.guildId, { vanity });
	return {
		settled: (_joins, ms) => engine.settled(ms),
		credited(key) {
			const d = engine.decisions.get(key)?.attribution;
			if (!d || d.status === 'pending') return { status: 'pending' };
			if (d.status !== 'attributed') return { status: d.status };
			return {
				status: 'attributed',
				vanity: d.source === 'vanity',
				inviterId: d.source === 'invite' ? d.inviterId : null,
			};
		},
		boundaryBound(truth) {
			const t = engine.tracker.timeline;
			return boundaryOracle(truth, t.obs, new Map(t.joins.map((j) => [j.key, j.pos]))).bound;
		},
		stop: () => engine.stop(),
	};
}

/** Runs one scenario in a fresh emulator and scores both bots against the ground truth. */
export async function runScenario(
	spec: ScenarioSpec,
	start: typeof startBenchWorld,
	watcher: Watcher = 'engine',
): Promise<Record<string, number>> {
	const w = await start({ vanity: spec.vanity, watcher });
	const codes = spec.setup(w);
	const engine = watcher === 'plugin' ? await attachPlugin(w.guildId) : await watchEngine(w, spec.vanity);
	const seed = await attachSeed004(w.seedClient, w.guildId);
	// Joins within the clock skew of the first snapshot may predate it: start the scenario later.
	await sleep(3_000);
	const firstRequest = w.emulator.requests.lastId;
	const raidStart = Date.now();
	await spec.drive(w, codes);
	const driven = Date.now();
	const { trueJoins, snapshots, codes: trueCodes } = w.truth;
	const settled = await engine.settled(trueJoins, 90_000);
	const engineDone = Date.now();
	await seed.settled(trueJoins.length, 600_000);

	const requests = w.requestsSince(firstRequest);
	const mine = requests.filter((r) => r.appId === w.engineAppId);
	const invitesFetches = mine.filter((r) => r.route === '/guilds/:guild_id/invites' && r.status === 200);
	// The raid lasts until a snapshot has counted every join (the tested bot can do no better than that).
	const total = trueJoins.length;
	const snapshotTimes = invitesFetches.map((r) => r.time);
	const invitesSnaps = snapshots.filter((s) => s.kind === 'invites');
	const coveringIndex = invitesSnaps.findIndex((s) => s.joinsBefore >= total);
	const coveredAt = snapshotTimes[coveringIndex] ?? driven;
	const raidMs = Math.max(1, coveredAt - raidStart);
	const fetchesInRaid = invitesFetches.filter((r) => r.time >= raidStart && r.time <= coveredAt).length;
	const rule = w.emulator.limiter.buckets['invites.list'];
	const allowance = rule ? (rule.limit * 1000) / rule.windowMs : Number.NaN;

	let wrong = 0;
	let ambiguous = 0;
	let unknown = 0;
	let pending = 0;
	let attributed = 0;
	let baselineWrong = 0;
	let baselineUnknown = 0;
	for (const t of trueJoins) {
		const key = `${t.userId}:${t.joinedAt}`;
		const d = engine.credited(key);
		if (d.status === 'pending' || d.status === 'missing') pending++;
		else if (d.status === 'attributed') {
			attributed++;
			if (!isRight(t.source, d)) wrong++;
		} else if (d.status === 'ambiguous') ambiguous++;
		else unknown++;
		const b = seed.records.get(key);
		if (!b || b.inviterId === null) baselineUnknown++;
		else if (!isRight(t.source, { vanity: false, inviterId: b.inviterId })) baselineWrong++;
	}
	const oracle = oracleBound(trueJoins, snapshots, [...trueCodes.values()]);
	let boundary = -1;
	try {
		boundary = engine.boundaryBound({ joins: trueJoins, snapshots, codes: trueCodes });
	} catch (error) {
		// A new epoch (evidence conflict) drops the watcher's earlier snapshots: no timing to compare.
		console.error(`${spec.name}: no boundary bound (${(error as Error).message})`);
	}
	const seedRequests = requests.filter((r) => r.appId !== w.engineAppId && r.appId !== null);
	engine.stop();
	seed.stop();
	await w.close();
	return {
		joins: total,
		attributed,
		wrong,
		ambiguous,
		unknown,
		pending,
		settled: settled ? 1 : 0,
		oracle_bound: oracle.bound,
		oracle_covered: oracle.covered,
		// The same with each snapshot's boundary as loose as this bot's timing of it (a lower ceiling is not possible for it).
		boundary_bound: boundary,
		rest_calls: mine.length,
		rest_calls_per_join: mine.length / Math.max(1, total),
		r429: mine.filter((r) => r.status === 429).length,
		invites_fetches: invitesFetches.length,
		raid_s: raidMs / 1000,
		raid_fetches_per_s: (fetchesInRaid * 1000) / raidMs,
		bucket_allowance_per_s: allowance,
		fetch_ratio: raidMs >= 2_000 ? (fetchesInRaid * 1000) / raidMs / allowance : -1,
		decided_after_s: (engineDone - driven) / 1000,
		baseline_wrong: baselineWrong,
		baseline_unknown: baselineUnknown,
		baseline_rest_calls_per_join: seedRequests.length / Math.max(1, total),
	};
}
