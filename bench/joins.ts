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
import { shortestDrain } from '../src/emulator/rest/drain-bound.ts';
import { floorRun } from './_joins-floor.ts';
import { startFoyerStack } from './_joins-stack.ts';
import { newUsers, perMemberWork, until, welcomedIn } from './_joins-world.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const JOINS = Number(process.env.BENCH_JOINS ?? 1000);
const RAID = Number(process.env.BENCH_RAID ?? 1000);
const RAID_S = Number(process.env.BENCH_RAID_S ?? 10);
const TARGET = { ratio: 0.6, raid_rest_calls_per_join: 3.1, drain_factor: 1.25 };

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const countBy = (keys: string[]) => {
	const out: Record<string, number> = {};
	for (const k of keys) out[k] = (out[k] ?? 0) + 1;
	return out;
};

async function foyerRun(): Promise<{ joinsPerS: number; welcomes: number; withRole: boolean; plugins: string[] }> {
	const stack = await startFoyerStack();
	const { emulator, guildId, welcome, roleId } = stack;
	(stack.foyer.client.rest.options as { globalRequestsPerSecond: number }).globalRequestsPerSecond = 1_000_000;
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

async function raidRun() {
	const stack = await startFoyerStack();
	const { emulator, guildId, welcome, roleId } = stack;
	await stack.control.setRateLimits({ mode: 'realistic' });
	const users = newUsers(emulator, RAID, 'raider');
	const firstId = emulator.requests.lastId;
	const raidStart = emulator.world.now();
	const started = performance.now();
	const perTick = Math.max(1, Math.round(RAID / (RAID_S * 10)));
	for (let i = 0; i < users.length; i += perTick) {
		for (const id of users.slice(i, i + perTick)) emulator.world.join(guildId, id);
		const wait = started + ((i + perTick) / RAID) * RAID_S * 1000 - performance.now();
		if (wait > 0) await new Promise((r) => setTimeout(r, wait));
	}
	const lastJoinMs = emulator.world.now() - raidStart;
	const welcomed = () => {
		const w = welcomedIn(emulator, welcome);
		return Math.min(RAID, w.mentioned + w.counted);
	};
	const workDone = perMemberWork(emulator, guildId, users, roleId);
	await until(() => workDone() && welcomed() >= RAID, 400_000, 'raid');
	// Anything still queued (a last combined message) would show up here.
	await new Promise((r) => setTimeout(r, 6_000));
	const requests = emulator.requests.since(firstId);
	const served = requests.filter((r) => r.status !== 429);
	const drainMs = Math.max(...requests.map((r) => r.time)) - raidStart;
	const bound = shortestDrain(served.map((r) => ({ bucket: r.bucket, path: r.path })));
	const boundMs = Math.max(bound.boundMs, lastJoinMs);
	const result = {
		restCallsPerJoin: requests.length / RAID,
		rateLimited: requests.filter((r) => r.status === 429).length,
		drainS: drainMs / 1000,
		boundS: boundMs / 1000,
		limitedBy: bound.boundMs >= lastJoinMs ? bound.limitedBy.replace(/:\d*$/, '') : 'join arrivals',
		welcomed: welcomed(),
		welcomeMessages: served.filter((r) => r.path.includes(`/channels/${welcome}/messages`)).length,
		byBucket: countBy(requests.map((r) => r.bucket ?? r.route)),
	};
	await stack.stop();
	return result;
}

const foyer: number[] = [];
const floor: number[] = [];
let plugins: string[] = [];
for (let i = 0; i < RUNS; i++) {
	const f = await foyerRun();
	plugins = f.plugins;
	foyer.push(f.joinsPerS);
	floor.push(await floorRun(JOINS, f.welcomes, f.withRole));
	console.error(
		`run ${i + 1}/${RUNS}: ${Math.round(foyer.at(-1) ?? 0)} joins/s (floor ${Math.round(floor.at(-1) ?? 0)}), ${f.welcomes} welcome messages`,
	);
}
const raid = await raidRun();
console.error(`raid: ${JSON.stringify(raid)}`);

const ratio = median(foyer) / median(floor);
const summary = {
	joins_per_s: Math.round(median(foyer)),
	floor_joins_per_s: Math.round(median(floor)),
	ratio: Number(ratio.toFixed(3)),
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
