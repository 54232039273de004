import { describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';

describeOnBackends('join DM plugin (seed phase 3 test 2)', (backend) => {
	let h: TestFoyer;
	const counts = async () => {
		const c = await plugin.counters.read(h.guildId);
		return { sent: c.sent ?? 0, failed: c.failed ?? 0 };
	};

	beforeAll(async () => {
		h = await startTestFoyer({ plugins: [new URL('..', import.meta.url)], backend });
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('sends the DM with placeholders rendered', async () => {
		const user = await h.join({ username: 'dm-open', globalName: 'Open' });
		await h.waitFor(async () => (await h.dms(user)).length === 1, 'the DM');
		const [dm] = await h.dms(user);
		expect(dm?.content).toBe('Hi Open! Welcome to Foyer Demo. Please read the rules.');
		await h.waitFor(async () => (await counts()).sent === 1, 'the sent counter');
	});

	it('counts members with closed DMs without an error, and keeps working for the next member', async () => {
		const closed = await Promise.all([1, 2, 3].map((i) => h.join({ username: `dm-closed-${i}`, dmsOpen: false })));
		await h.waitFor(async () => (await counts()).failed === 3, 'three closed DMs counted');
		for (const user of closed) expect(await h.dms(user)).toEqual([]);
		expect(h.logsOf(plugin.id).filter((l) => l.level >= 50)).toEqual([]);
		const next = await h.join('dm-after');
		await h.waitFor(async () => (await h.dms(next)).length === 1, 'the next member’s DM');
	});

	it('counts and logs a member with closed DMs once, however often they are announced as joining', async () => {
		const closed = await h.join({ username: 'dm-closed-again', dmsOpen: false });
		await h.waitFor(async () => (await counts()).failed === 4, 'the fourth closed DM counted');
		const since = await h.lastRequestId();
		for (let i = 0; i < 3; i++) await h.join({ userId: closed, duplicate: true });
		// The core delivers a join once: the repeats never reach the plugin, so not even a DM attempt is made.
		const barrier = await h.join('dm-barrier');
		await h.waitFor(async () => (await h.dms(barrier)).length === 1, 'the next member’s DM');
		expect((await h.requests(since)).filter((r) => r.status === 403)).toEqual([]);
		expect((await counts()).failed).toBe(4);
		expect(h.logsOf(plugin.id).filter((l) => l.member === closed)).toHaveLength(1);
	});
});
