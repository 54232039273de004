import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Backend, describeOnPostgresRedis } from '../../src/testing/backends.ts';
import { CrashRig, sleep } from '../helpers/crash-rig.ts';
import { exactlyOnce } from '../helpers/ground-truth.ts';
import { PrivateRedis } from '../helpers/private-redis.ts';
import { waitUntil } from '../helpers/wait.ts';

const RAID = 200;
const REDIS_DOWN_MS = 5_000;

/**
 * Redis (BullMQ's store of delayed jobs) killed and started again in the middle of a 200-member
 * raid with delayed auto roles: jobs scheduled while it is down wait for it, jobs in it survive (an
 * append-only file), and each member still gets each role, welcome and DM once. A private
 * redis-server of the test is restarted, never the shared one. The SQLite backend has no Redis:
 * this runs on PostgreSQL + BullMQ only.
 */
describeOnPostgresRedis('Redis restarted mid-raid', (backend: Backend) => {
	let rig: CrashRig;
	let redis: PrivateRedis;

	beforeAll(async () => {
		redis = await PrivateRedis.start();
		rig = await CrashRig.create({ backend, delayMinutes: 0.05, env: () => ({ REDIS_URL: redis.url }) });
	}, 90_000);
	afterAll(async () => {
		await rig?.close();
		await redis?.close();
	});

	it('gives every member each delayed role once across a Redis kill -9 and restart, nothing lost or twice', async () => {
		const raid = rig.raid(RAID, 'redis', 5);
		await waitUntil(() => rig.users.length >= RAID / 3 && rig.dmsSent() >= 5, 60_000);
		await redis.down();
		await sleep(REDIS_DOWN_MS);
		await redis.up();
		await raid;
		expect(await rig.settled()).toEqual(exactlyOnce(RAID));
		expect(rig.errors()).toEqual([]);
	}, 180_000);
});
