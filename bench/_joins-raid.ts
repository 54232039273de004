import { shortestDrain } from '../src/emulator/rest/drain-bound.ts';
import type { Backend } from '../src/testing/backends.ts';
import { startFoyerStack } from './_joins-stack.ts';
import { newUsers, perMemberWork, until, welcomedIn } from './_joins-world.ts';

const countBy = (keys: string[]) => {
	const out: Record<string, number> = {};
	for (const k of keys) out[k] = (out[k] ?? 0) + 1;
	return out;
};

/**
 * The raid of bench:joins (emulator `realistic`): `raid` members join over `seconds` seconds; REST
 * calls per join, 429s, members welcomed, and the drain time against the shortest the emulator's
 * bucket table allows for the same requests. On `backend` when given (bench:crash), else a SQLite file.
 */
export async function raidRun(options: { raid: number; seconds: number; backend?: Backend }) {
	const { raid: RAID, seconds: RAID_S } = options;
	const stack = await startFoyerStack(options.backend);
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
