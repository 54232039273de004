import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Backend, describeOnBackends } from '../../src/testing/backends.ts';
import { CrashRig, sleep } from '../helpers/crash-rig.ts';
import { exactlyOnce } from '../helpers/ground-truth.ts';
import { type Outage, SqliteWriteLock, TcpProxy } from '../helpers/outages.ts';
import { waitUntil } from '../helpers/wait.ts';

const RAID = 200;
const OUTAGE_MS = 10_000;

/**
 * The database stops answering for 10 s in the middle of a 200-member raid: on PostgreSQL every
 * connection Foyer has is cut and new ones refused (a proxy between them; the shared server keeps
 * running), on SQLite another connection holds the write lock. Effects wait for their records,
 * nothing is lost or done twice, and the log says what happened in one warning and one line when
 * it is over, without errors.
 */
describeOnBackends('the database unavailable for 10 s mid-raid', (backend: Backend) => {
	let rig: CrashRig;
	let outage: Outage;

	beforeAll(async () => {
		const env = await backend.env();
		let proxyEnv: Record<string, string> = {};
		if (backend.dialect === 'postgresql') {
			const target = new URL(env.DATABASE_URL as string);
			const proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
			proxyEnv = { DATABASE_URL: proxy.urlFor(env.DATABASE_URL as string) };
			outage = proxy;
		} else outage = new SqliteWriteLock(env.FOYER_DATA_DIR as string);
		rig = await CrashRig.create({ backend, delayMinutes: 0.05, env: () => proxyEnv });
	}, 90_000);
	afterAll(async () => {
		await outage?.close();
		await rig?.close();
	});

	it('holds the effects while the database is away and carries out each once when it is back', async () => {
		const raid = rig.raid(RAID, 'outage', 5);
		await waitUntil(() => rig.users.length >= RAID / 4 && rig.dmsSent() >= 5, 60_000);
		await outage.begin();
		const began = Date.now();
		await raid;
		await sleep(OUTAGE_MS - (Date.now() - began));
		const during = rig.truth();
		await outage.end();

		const outcome = await rig.settled();
		expect(outcome).toEqual(exactlyOnce(RAID));
		expect(during.dmsOnce).toBeLessThan(RAID);
		// Clear logs: a warning per kind of work that waited (not one per member or attempt), each
		// saying the database is away, and lines saying the work went through again.
		const logs = rig.foyer?.logs ?? [];
		const warnings = logs.filter((l) => l.level === 40 && !/^Dashboard disabled/.test(l.msg)).map((l) => l.msg);
		expect(warnings.length).toBeGreaterThan(0);
		expect(warnings.length).toBeLessThanOrEqual(12);
		for (const msg of warnings) expect(msg).toMatch(/^Database unavailable|^Could not store a counter/);
		expect(logs.some((l) => /^Database available again/.test(l.msg))).toBe(true);
		expect(rig.errors()).toEqual([]);
	}, 180_000);
});
