import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Backend, describeOnBackends } from '../../src/testing/backends.ts';
import { CrashRig, sleep } from '../helpers/crash-rig.ts';
import { exactlyOnce } from '../helpers/ground-truth.ts';
import { waitUntil } from '../helpers/wait.ts';

const RAID = 200;

/**
 * Discord may send GUILD_MEMBER_ADD again for a member already there (test/events-idempotent.test.ts
 * covers one member's repeats in one process). Here the repeats come in storms: interleaved with a
 * 200-member raid, while the first delivery is still being handled, while Foyer is down (so the
 * resumed session replays them beside the originals) and after the restart, from a Foyer that
 * knows the joins only from its database.
 */
describeOnBackends('duplicate GUILD_MEMBER_ADD storms', (backend: Backend) => {
	let rig: CrashRig;
	const repeat = (users: readonly string[]) => {
		for (const id of users) rig.emulator.world.join(rig.setup.guildId, id, { duplicate: true });
	};

	beforeAll(async () => {
		rig = await CrashRig.create({ backend, delayMinutes: 0.05 });
	}, 90_000);
	afterAll(async () => {
		await rig?.close();
	});

	it('handles a 200-member raid whose every join comes three times, interleaved, exactly once each', async () => {
		const joined: string[] = [];
		for (let i = 0; i < RAID; i += 10) {
			const batch = await rig.raid(10, `storm${i}-`, 10);
			// Repeated at once (the first still being handled) and again two batches later.
			repeat(batch);
			repeat(joined.slice(-20, -10));
			joined.push(...batch);
		}
		repeat(joined.slice(-10));
		expect(await rig.settled()).toEqual(exactlyOnce(RAID));
		expect(rig.errors()).toEqual([]);
	}, 180_000);

	it('handles repeats sent while Foyer is down and after its restart once, for members handled before and after the kill -9', async () => {
		const handled = rig.users.slice(0, RAID);
		const from = rig.users.length;
		const raid = rig.raid(100, 'stormkill', 5);
		await waitUntil(() => rig.users.length - from >= 50 && rig.dmsSent(from) >= 5, 60_000);
		repeat(rig.users.slice(from));
		await rig.kill();
		const fresh = await raid;
		// While down: every member repeated twice; the resumed session replays them with the new joins.
		repeat([...handled, ...fresh]);
		repeat([...handled, ...fresh]);
		const restarted = await rig.start();
		await restarted.waitForLog((l) => /^Resumed the previous gateway session/.test(l.msg));
		// After the restart: repeats again, all at once.
		repeat([...fresh, ...handled]);
		await sleep(200);
		repeat(fresh);
		expect(await rig.settled()).toEqual(exactlyOnce(RAID + 100));
		expect(rig.truth(fresh)).toEqual(exactlyOnce(100));
		expect(rig.errors(1)).toEqual([]);
	}, 180_000);
});
