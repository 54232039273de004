/**
 * npm run bench:crash
 *
 * Per backend (SQLite + embedded scheduler; PostgreSQL + Redis/BullMQ when FOYER_TEST_POSTGRES_URL
 * and FOYER_TEST_REDIS_URL are set): Foyer as `npm start` (its own process, token mode) against the
 * emulator with Discord's own rate limits, welcomes, join DMs, an immediate and a delayed auto role.
 * MEMBERS join over a few seconds; Foyer is killed with SIGKILL once 60% of them joined, the rest
 * join while it is down, and it is started again on the same database. Reported: members welcomed
 * once / expected, DMs, roles, duplicates (anything twice), the time from the restart to every
 * effect done, and the raid benchmark's REST calls per join (bench:joins's raid, durable effects on,
 * on the same backend; target <= 3.1). Last line: one JSON object, one entry per backend.
 */
import { EmulatorControl } from '../src/emulator/control-client.ts';
import { Emulator } from '../src/emulator/emulator.ts';
import { shortestDrain } from '../src/emulator/rest/drain-bound.ts';
import { availableBackends, type Backend } from '../src/testing/backends.ts';
import { type FoyerProcess, startFoyerProcess } from '../src/testing/foyer-process.ts';
import { groundTruth, isComplete, totals } from '../test/helpers/ground-truth.ts';
import { configureRaidGuild } from '../test/helpers/raid-setup.ts';
import { raidRun } from './_joins-raid.ts';
import { until } from './_joins-world.ts';

const MEMBERS = Number(process.env.BENCH_CRASH_MEMBERS ?? 200);
const JOIN_S = Number(process.env.BENCH_CRASH_JOIN_S ?? 4);
const DELAY_MIN = Number(process.env.BENCH_CRASH_DELAY_MIN ?? 0.25);
const RAID = Number(process.env.BENCH_RAID ?? 1000);
const RAID_S = Number(process.env.BENCH_RAID_S ?? 10);
const TARGET = { raid_rest_calls_per_join: 3.1 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const short = (b: Backend) => (b.dialect === 'sqlite' ? 'sqlite' : 'postgresql');

async function crashRun(backend: Backend) {
	const emulator = await Emulator.start({ demo: true });
	const control = new EmulatorControl(emulator.url);
	let foyer: FoyerProcess | null = null;
	const start = async () => {
		foyer = await startFoyerProcess({ emulator, env: await backend.env() });
		return foyer;
	};
	try {
		await start();
		const setup = await configureRaidGuild(emulator, control, DELAY_MIN);
		await control.setRateLimits({ mode: 'realistic' });
		const users: string[] = [];
		let killedAt = -1;
		const perTick = Math.max(1, Math.round(MEMBERS / (JOIN_S * 10)));
		for (let i = 0; i < MEMBERS; i++) {
			const id = emulator.world.createUser({ username: `crash${i}` }).id;
			users.push(id);
			emulator.world.join(setup.guildId, id);
			if (killedAt < 0 && users.length >= MEMBERS * 0.6) {
				(foyer as FoyerProcess | null)?.kill('SIGKILL');
				await (foyer as FoyerProcess | null)?.exited;
				killedAt = users.length;
			}
			if ((i + 1) % perTick === 0) await sleep(100);
		}
		const atKill = groundTruth(emulator, setup, users);
		await sleep(1_000);
		const restartedAt = performance.now();
		const firstAfter = emulator.requests.lastId + 1;
		const restarted = await start();
		await until(() => isComplete(groundTruth(emulator, setup, users)), 600_000, `${backend.name} recovery`);
		const recoveryS = (performance.now() - restartedAt) / 1000;
		// The floor: the shortest time Discord's buckets allow for the calls the recovery made.
		const after = emulator.requests.since(firstAfter).filter((r) => r.status !== 429);
		const bound = shortestDrain(after.map((r) => ({ bucket: r.bucket, path: r.path })));
		// Anything sent twice (a later combined window, a retried call) would show up meanwhile.
		await sleep(8_000);
		const t = groundTruth(emulator, setup, users);
		const sums = totals(emulator, setup, users);
		const resumed = restarted.logs.some((l) => /^Resumed the previous gateway session/.test(l.msg));
		return {
			members: MEMBERS,
			welcomed_once: Math.min(t.welcomed, MEMBERS) - t.namedTwice,
			duplicates: t.namedTwice + t.dmsTwice + t.roleCallsTwice + Math.max(0, t.welcomed - MEMBERS),
			dms_sent: sums.dms,
			dms_expected: MEMBERS,
			roles_given: sums.roles,
			roles_expected: MEMBERS * setup.roles.length,
			recovery_s: Number(recoveryS.toFixed(2)),
			recovery_bound_s: Number((bound.boundMs / 1000).toFixed(2)),
			recovery_limited_by: bound.limitedBy.replace(/:\d*$/, ''),
			rest_calls_after_restart: after.length,
			joined_before_kill: killedAt,
			done_at_kill: { welcomed: atKill.welcomed, dms: atKill.dmsOnce, all_roles: atKill.allRoles },
			resumed,
			errors: restarted.logs.filter((l) => l.level >= 50).length,
		};
	} finally {
		(foyer as FoyerProcess | null)?.kill('SIGKILL');
		await (foyer as FoyerProcess | null)?.exited;
		await emulator.close();
		await backend.cleanup();
	}
}

const result: Record<string, Record<string, unknown>> = {};
const crashBackends = availableBackends();
const raidBackends = availableBackends();
for (const [i, backend] of crashBackends.entries()) {
	const crash = await crashRun(backend);
	console.error(`${backend.name} crash: ${JSON.stringify(crash)}`);
	const raid = await raidRun({ raid: RAID, seconds: RAID_S, backend: raidBackends[i] as Backend });
	console.error(`${backend.name} raid: ${JSON.stringify(raid)}`);
	const callsPerJoin = Number(raid.restCallsPerJoin.toFixed(3));
	result[short(backend)] = {
		...crash,
		raid_rest_calls_per_join: callsPerJoin,
		raid_joins: RAID,
		raid_429s: raid.rateLimited,
		raid_members_welcomed: raid.welcomed,
		meets_targets:
			crash.welcomed_once === MEMBERS &&
			crash.duplicates === 0 &&
			crash.dms_sent === MEMBERS &&
			crash.roles_given === crash.roles_expected &&
			callsPerJoin <= TARGET.raid_rest_calls_per_join,
	};
}
console.log(JSON.stringify({ ...result, targets: { lost: 0, duplicates: 0, ...TARGET } }));
process.exit(0);
