import { describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// Its own file so that its restart does not share the process with the other autoroles tests.
/** Foyer stopped while a delayed role is pending, and started again on the same database. */
describeOnBackends('a delayed auto role across a Foyer restart', (backend) => {
	let h: TestFoyer;

	beforeAll(async () => {
		h = await startTestFoyer({ plugins: [new URL('..', import.meta.url)], backend });
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('gives the role when Foyer is back, not before the delay', async () => {
		const verified = h.role('Verified');
		const added = await h.command(h.demo.adminId, 'autoroles add', { role: verified, delay: 120 });
		expect(added.content).toMatch(/^Added auto role/);
		const user = await h.join('ar-restart');
		await h.waitFor(async () => (await h.pendingJobs()) > 0, 'the delayed role scheduled');
		await h.restart();
		expect(await h.rolesOf(user)).toEqual([]);
		await h.clock.advance(2 * HOUR - MINUTE);
		expect(await h.rolesOf(user)).toEqual([]);
		await h.clock.advance(MINUTE);
		expect(await h.rolesOf(user)).toEqual([verified]);
	});

	it('gives the role at start when its delay ran out while Foyer was down', async () => {
		const member = h.role('Member');
		const added = await h.command(h.demo.adminId, 'autoroles add', { role: member, delay: 30 });
		expect(added.content).toMatch(/^Added auto role/);
		const user = await h.join('ar-downtime');
		await h.waitFor(async () => (await h.pendingJobs()) > 0, 'the delayed role scheduled');
		await h.stopFoyer();
		await h.clock.advance(HOUR);
		expect(await h.rolesOf(user)).toEqual([]);
		await h.startFoyer();
		await h.waitFor(async () => (await h.rolesOf(user))?.includes(member) ?? false, 'the overdue role', 20_000);
	});
});
