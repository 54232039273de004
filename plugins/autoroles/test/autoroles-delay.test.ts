import { describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The other suites move the test clock; this one lets real time pass, so that each scheduler fires
// a delayed job by itself. The job key is `assign:<guild>:<user>:<delay>`: BullMQ refused it as a job
// id ("Custom Id cannot contain :"), so with REDIS_URL no delayed role was ever given.
describeOnBackends('a delayed auto role in real time', (backend) => {
	let h: TestFoyer;

	beforeAll(async () => {
		h = await startTestFoyer({ plugins: [new URL('..', import.meta.url)], backend });
		const added = await h.command(h.demo.adminId, 'autoroles add', { role: h.role('Verified'), delay: 0.02 }); // 1.2 s, kept as 1 s
		expect(added.content).toMatch(/^Added auto role/);
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('gives the role once its delay has passed, and not before', async () => {
		const joinedAt = Date.now();
		const user = await h.join('delayed-1');
		await sleep(500);
		expect(await h.rolesOf(user)).toEqual([]);
		await h.waitFor(async () => (await h.rolesOf(user))?.includes(h.role('Verified')) ?? false, 'the role', 8_000);
		expect(Date.now() - joinedAt).toBeGreaterThanOrEqual(900);
		expect(await h.rolesOf(user)).toEqual([h.role('Verified')]);
		expect(h.errors()).toEqual([]);
	});

	it('cancels the pending role when the member leaves before the delay', async () => {
		const user = await h.join('delayed-leaver');
		await h.waitFor(async () => (await h.pendingJobs()) > 0, 'the delayed role scheduled');
		await h.leave(user);
		await h.waitFor(async () => (await h.pendingJobs()) === 0, 'the delayed role cancelled');
		const since = await h.lastRequestId();
		await sleep(1500);
		// Not even the member look-up the task starts with: the job never ran.
		expect((await h.requests(since)).filter((r) => r.path.includes(user))).toEqual([]);
		expect(h.errors()).toEqual([]);
	});
});
