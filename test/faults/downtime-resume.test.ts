import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Backend, describeOnBackends } from '../../src/testing/backends.ts';
import { CrashRig } from '../helpers/crash-rig.ts';
import { exactlyOnce } from '../helpers/ground-truth.ts';

const RAID = 200;

/**
 * Foyer killed while idle and 200 members joining before it is back, within the gateway's resume
 * window: the restart resumes the killed session, the gateway replays the joins, and each member
 * is handled exactly once, as if Foyer had been there.
 */
describeOnBackends('members joining during a downtime shorter than the resume window', (backend: Backend) => {
	let rig: CrashRig;

	beforeAll(async () => {
		rig = await CrashRig.create({ backend, delayMinutes: 0.05 });
	}, 90_000);
	afterAll(async () => {
		await rig?.close();
	});

	it('replays the 200 joins of the downtime through RESUME: each welcomed, DMed and given each role once', async () => {
		const before = await rig.raid(10, 'up');
		expect(await rig.settled(60_000, 1_000)).toEqual(exactlyOnce(before.length));
		await rig.kill();
		const during = await rig.raid(RAID, 'down');

		const restarted = await rig.start();
		const resumed = await restarted.waitForLog((l) => /^Resumed the previous gateway session/.test(l.msg));
		expect(resumed.replayed).toBe(RAID);
		expect(await rig.settled()).toEqual(exactlyOnce(before.length + during.length));
		expect(rig.truth(during)).toEqual(exactlyOnce(RAID));
		expect(restarted.logs.some((l) => /^Caught up/.test(l.msg))).toBe(false);
		expect(rig.errors()).toEqual([]);
	}, 180_000);
});
