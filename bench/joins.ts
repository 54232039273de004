/**
 * npm run bench:joins
 *
 * 1. Throughput (emulator rate limits off): JOINS members join at once; joins per second until the
 *    last one has their auto role and DM, with join, leave, join-dm and autoroles on. Floor, same run:
 *    a bare discord.js client (no Sapphire, no DB) making the same REST calls per join. Both clients'
 *    own 50 requests/s cap is lifted, or both would measure the cap. Median of RUNS.
 * 2. Raid (emulator `realistic`): RAID members join over RAID_S seconds. Counts 429s, REST calls per
 *    join, members welcomed (mentioned or counted), and the drain time against the shortest time the
 *    emulator's bucket table allows for the same requests.
 * Last line: one JSON object.
 */
import { floorRun } from './_joins-floor.ts';
import { raidRun } from './_joins-raid.ts';
import { startFoyerStack } from './_joins-stack.ts';
import { newUsers, perMemberWork, until, welcomedIn } from './_joins-world.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const JOINS = Number(process.env.BENCH_JOINS ?? 1000);
const RAID = Number(process.env.BENCH_RAID ?? 1000);
const RAID_S = Number(process.env.BENCH_RAID_S ?? 10);
const TARGET = { ratio: 0.6, raid_rest_calls_per_join: 3.1, drain_factor: 1.25 };

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

async function foyerRun(): Promise<{ joinsPerS: number; welcomes: number; withRole: boolean; plugins: string[] }> {
	const stack = await startFoyerStack();
	const { emulator, guildId, welcome, roleId } = stack;
	// The floor's client is built uncapped; Foyer's logged in with the 50/s default, and its setup calls
	// opened a one-second window of 50 that the option alone does not refill: measured, that window
	// held every run's first ~450 ms to ~50 requests (250 joins: 1.1 s against the floor's 0.32 s).
	const rest = stack.foyer.client.rest;
	(rest.options as { globalRequestsPerSecond: number }).globalRequestsPerSecond = 1_000_000;
	rest.globalRemaining = 1_000_000;
	const before = emulator.world.channel(welcome).messages.size;
	const users = newUsers(emulator, JOINS, 'bench');
	const started = performance.now();
	for (let i = 0; i < users.length; i += 100) {
		for (const id of users.slice(i, i + 100)) emulator.world.join(guildId, id);
		await new Promise((r) => setImmediate(r));
	}
	await until(perMemberWork(emulator, guildId, users, roleId), 120_000, 'foyer');
	const seconds = (performance.now() - started) / 1000;
	// The combined welcomes follow within a window; they must account for everyone before we move on.
	await until(
		() => {
			const w = welcomedIn(emulator, welcome);
			return w.mentioned + w.counted >= JOINS;
		},
		15_000,
		'foyer welcomes',
	);
	const welcomes = emulator.world.channel(welcome).messages.size - before;
	const plugins = stack.plugins;
	await stack.stop();
	return { joinsPerS: JOINS / seconds, welcomes, withRole: roleId !== null, plugins };
}

const foyer: number[] = [];
const floor: number[] = [];
let plugins: string[] = [];
const ratios: number[] = [];
let welcomes = 0;
let withRole = true;
// Each run pairs Foyer with its floor, in alternating order: the machine's load drifts (a 2-core box
// shared with other work), and a ratio taken within a pair, then the median of the pairs, is what
// stays put; a ratio of two medians taken minutes apart moved from 0.52 to 0.94 for the same code.
for (let i = 0; i < RUNS; i++) {
	const floorFirst = i % 2 === 1;
	// Run 0 goes Foyer first, so a floor-first run knows how many welcome messages Foyer posts.
	const firstFloor = floorFirst ? await floorRun(JOINS, welcomes, withRole) : null;
	const f = await foyerRun();
	welcomes = f.welcomes;
	withRole = f.withRole;
	plugins = f.plugins;
	foyer.push(f.joinsPerS);
	floor.push(firstFloor ?? (await floorRun(JOINS, f.welcomes, f.withRole)));
	ratios.push((foyer.at(-1) as number) / (floor.at(-1) as number));
	console.error(
		`run ${i + 1}/${RUNS}: ${Math.round(foyer.at(-1) ?? 0)} joins/s (floor ${Math.round(floor.at(-1) ?? 0)}, ratio ${(ratios.at(-1) as number).toFixed(3)}), ${f.welcomes} welcome messages`,
	);
}
const raid = await raidRun({ raid: RAID, seconds: RAID_S });
console.error(`raid: ${JSON.stringify(raid)}`);

const ratio = median(ratios);
const summary = {
	joins_per_s: Math.round(median(foyer)),
	floor_joins_per_s: Math.round(median(floor)),
	ratio: Number(ratio.toFixed(3)),
	ratio_runs: ratios.map((r) => Number(r.toFixed(3))),
	ratio_of_medians: Number((median(foyer) / median(floor)).toFixed(3)),
	raid_rest_calls_per_join: Number(raid.restCallsPerJoin.toFixed(3)),
	raid_429s: raid.rateLimited,
	raid_drain_s: Number(raid.drainS.toFixed(2)),
	raid_drain_bound_s: Number(raid.boundS.toFixed(2)),
	raid_drain_ratio: Number((raid.drainS / raid.boundS).toFixed(3)),
	raid_drain_limited_by: raid.limitedBy,
	raid_members_welcomed: raid.welcomed,
	raid_welcome_messages: raid.welcomeMessages,
	raid_requests_by_bucket: raid.byBucket,
	plugins,
	runs: RUNS,
	joins_per_run: JOINS,
	raid_joins: RAID,
	raid_seconds: RAID_S,
	targets: {
		ratio: TARGET.ratio,
		raid_rest_calls_per_join: TARGET.raid_rest_calls_per_join,
		raid_429s: 0,
		raid_drain_factor: TARGET.drain_factor,
	},
	meets_targets:
		ratio >= TARGET.ratio &&
		raid.restCallsPerJoin <= TARGET.raid_rest_calls_per_join &&
		raid.rateLimited === 0 &&
		raid.welcomed === RAID &&
		raid.drainS <= TARGET.drain_factor * raid.boundS,
};
console.log(JSON.stringify(summary));
process.exit(0);
