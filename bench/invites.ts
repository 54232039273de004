/**
 * npm run bench:invites
 *
 * Invite attribution under the emulator's realistic rate limits. Each scenario runs in a fresh
 * emulator with two bots watching the same joins: Foyer's engine (plugins/invites/attribution, fed
 * by a plain discord.js client as the plugin will feed it) and seed 004's tracker (section 3.4) as the
 * baseline. Scored against the emulator's ground truth (which code each join used):
 * wrong (credited to someone else: must be 0), ambiguous, unknown, the oracle bound (joins no
 * algorithm could attribute given the snapshot windows this run actually had), REST calls per join,
 * 429s, and invite fetches per second against the bucket of GET /guilds/{id}/invites during a raid.
 * Scenarios (issue 12): 60 simultaneous joins over 10 codes; 1,000 joins in 10 s over 10 codes; the
 * same over 1 code; a mix (one-use invites, the vanity URL, an expiring invite, codes created and
 * used between snapshots, a quiet trickle, a repeated GUILD_MEMBER_ADD). Median of RUNS runs.
 * BENCH_MODES (default `engine,plugin`): `plugin` runs the same scenarios with a real Foyer and the
 * invites plugin as the watcher (Sapphire, discord.js, its session, its records), scored from the
 * joins it stored, beside seed 004 in the same emulator; its figures are the `plugin_*` fields.
 * `boundary_bound`: the oracle bound with each snapshot boundary as uncertain as the watcher's own
 * timing of it made it (plugins/invites/test/_raid-truth.ts). Last line: one JSON object.
 */

import { runScenario, type ScenarioSpec } from './_invites-scenario.ts';
import { type BenchWorld, startBenchWorld, type Watcher } from './_invites-world.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ONLY = process.env.BENCH_SCENARIOS?.split(',');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;

/** `n` joins spread evenly over `seconds` in ticks of 100 ms, each through a random code. */
async function raid(w: BenchWorld, codes: string[], n: number, seconds: number) {
	const ticks = Math.max(1, Math.round(seconds * 10));
	const started = performance.now();
	let done = 0;
	for (let t = 0; t < ticks; t++) {
		const upTo = Math.round(((t + 1) * n) / ticks);
		for (; done < upTo; done++) w.join(pick(codes));
		const wait = started + (t + 1) * 100 - performance.now();
		if (wait > 0) await sleep(wait);
	}
}

const scenarios: ScenarioSpec[] = [
	{
		name: 'simultaneous_60_over_10_codes',
		vanity: false,
		raid: true,
		setup: (w) => Array.from({ length: 10 }, () => w.invite(w.newInviter())),
		async drive(w, codes) {
			const order = codes.flatMap((c) => Array.from({ length: 6 }, () => c)).sort(() => Math.random() - 0.5);
			for (const c of order) w.join(c);
		},
	},
	{
		name: 'raid_1000_in_10s_over_10_codes',
		vanity: false,
		raid: true,
		setup: (w) => Array.from({ length: 10 }, () => w.invite(w.newInviter())),
		drive: (w, codes) => raid(w, codes, 1000, 10),
	},
	{
		name: 'raid_1000_in_10s_over_1_code',
		vanity: false,
		raid: true,
		setup: (w) => [w.invite(w.newInviter())],
		drive: (w, codes) => raid(w, codes, 1000, 10),
	},
	{
		name: 'mix',
		vanity: true,
		raid: false,
		setup: (w) => [
			...Array.from({ length: 5 }, () => w.invite(w.newInviter())),
			w.invite(w.newInviter(), { maxUses: 3 }),
			w.invite(w.newInviter(), { maxAgeS: 8 }),
		],
		async drive(w, codes) {
			const joined: string[] = [];
			const join = (via: string) => {
				const id = w.join(via);
				if (id) joined.push(id);
			};
			const any = () => pick([...w.live(codes), 'vanity']);
			// Busy (8 s): a join every 300 ms through the codes, the vanity URL and the invite about to
			// expire; every 1.5 s a one-use invite is created and used at once beside another join (both
			// between two snapshots); once, 5 members join at the same moment; once, Discord repeats a
			// GUILD_MEMBER_ADD.
			for (let t = 0; t < 27; t++) {
				join(any());
				if (t % 5 === 0) join(w.invite(w.newInviter(), { maxUses: 1 }));
				if (t === 12) for (let k = 0; k < 5; k++) join(pick(codes.slice(0, 2)));
				if (t === 15 && joined[0]) w.resend(joined[0]);
				await sleep(300);
			}
			// Quiet: one join every 1.2 s, now and then through a fresh one-use invite.
			for (let t = 0; t < 8; t++) {
				join(t % 3 === 0 ? w.invite(w.newInviter(), { maxUses: 1 }) : any());
				await sleep(1_200);
			}
		},
	},
];

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const MODES = (process.env.BENCH_MODES ?? 'engine,plugin').split(',') as Watcher[];

const results: Record<Watcher, Record<string, Record<string, number>[]>> = { engine: {}, plugin: {} };
for (let run = 1; run <= RUNS; run++) {
	for (const mode of MODES)
		for (const spec of scenarios) {
			if (ONLY && !ONLY.includes(spec.name)) continue;
			const r = await runScenario(spec, startBenchWorld, mode);
			results[mode][spec.name] = [...(results[mode][spec.name] ?? []), r];
			console.error(`run ${run}/${RUNS} ${mode} ${spec.name}: ${JSON.stringify(r)}`);
		}
}

/** Medians per scenario and the totals over scenarios, for one watcher. */
function summarise(byScenario: Record<string, Record<string, number>[]>) {
	const scenarioSummary: Record<string, Record<string, number>> = {};
	for (const [name, runs] of Object.entries(byScenario)) {
		const keys = Object.keys(runs[0] ?? {});
		scenarioSummary[name] = Object.fromEntries(
			keys.map((k) => [k, Number(median(runs.map((r) => r[k] as number)).toFixed(3))]),
		);
	}
	const all = Object.values(scenarioSummary);
	const sum = (k: string) => all.reduce((s, r) => s + (r[k] ?? 0), 0);
	const raids = Object.entries(scenarioSummary).filter(([name]) => scenarios.find((s) => s.name === name)?.raid);
	const worst = (k: string, pickFn: (xs: number[]) => number) => pickFn(raids.map(([, r]) => r[k] ?? 0));
	const totals = {
		wrong: sum('wrong'),
		ambiguous: sum('ambiguous'),
		unknown: sum('unknown'),
		pending: sum('pending'),
		oracle_bound: sum('oracle_bound'),
		boundary_bound: sum('boundary_bound'),
		rest_calls_per_join: Number((sum('rest_calls') / Math.max(1, sum('joins'))).toFixed(3)),
		raid_429s: raids.reduce((s, [, r]) => s + (r.r429 ?? 0), 0),
		raid_fetch_ratio_min: Number(worst('fetch_ratio', (xs) => Math.min(...xs.filter((x) => x >= 0))).toFixed(3)),
		raid_rest_calls_per_join_max: Number(worst('rest_calls_per_join', (xs) => Math.max(...xs)).toFixed(3)),
		baseline_wrong: sum('baseline_wrong'),
		baseline_unknown: sum('baseline_unknown'),
	};
	const meets =
		totals.wrong === 0 &&
		totals.raid_429s === 0 &&
		totals.raid_fetch_ratio_min >= 0.9 &&
		totals.raid_rest_calls_per_join_max <= 0.5;
	return { totals, scenarios: scenarioSummary, meets };
}

const engine = summarise(results.engine);
const plugin = summarise(results.plugin);
const prefixed = (o: Record<string, number>) =>
	Object.fromEntries(Object.entries(o).map(([k, v]) => [`plugin_${k}`, v]));
const summary = {
	...(MODES.includes('engine') ? { ...engine.totals, scenarios: engine.scenarios } : {}),
	// The same scenarios with a real Foyer and the invites plugin as the watcher, scored from its stored records.
	...(MODES.includes('plugin')
		? { ...prefixed(plugin.totals), plugin_scenarios: plugin.scenarios, plugin_meets_targets: plugin.meets }
		: {}),
	modes: MODES,
	runs: RUNS,
	targets: { wrong: 0, ambiguous: 'oracle_bound', raid_fetch_ratio: 0.9, raid_rest_calls_per_join: 0.5, raid_429s: 0 },
	meets_targets: MODES.includes('engine') ? engine.meets : plugin.meets,
};
console.log(JSON.stringify(summary));
process.exit(0);
