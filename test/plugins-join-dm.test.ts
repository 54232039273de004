import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../src/core/database/database.ts';
import { type Backend, describeOnBackends } from '../src/testing/backends.ts';
import { startFoyerWithEmulator } from '../src/testing/foyer-harness.ts';
import { waitUntil } from './helpers/wait.ts';

describeOnBackends('join DM plugin (seed phase 3 test 2)', (backend: Backend) => {
	let db: Database;
	let h: Awaited<ReturnType<typeof startFoyerWithEmulator>>;
	const stats = async () =>
		(
			(await db.em().getConnection().execute('select sent, failed from join_dm_stats')) as {
				sent: number;
				failed: number;
			}[]
		)[0];

	beforeAll(async () => {
		const backendOptions = await backend.harnessOptions();
		db = backendOptions.db;
		h = await startFoyerWithEmulator(['join-dm'], { from: 'plugins', ...backendOptions });
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('sends the DM with placeholders rendered', async () => {
		const joined = await h.control.join(h.guildId, { user: { username: 'dm-open', global_name: 'Open' } });
		await waitUntil(async () => (await h.control.dms(joined.user.id)).length === 1);
		const [dm] = await h.control.dms(joined.user.id);
		expect(dm.content).toBe('Hi Open! Welcome to Foyer Demo. Please read the rules.');
		await waitUntil(async () => (await stats())?.sent === 1);
	});

	it('counts members with closed DMs without an error, and keeps working for the next member', async () => {
		const closed = await Promise.all(
			[1, 2, 3].map((i) => h.control.join(h.guildId, { user: { username: `dm-closed-${i}`, dms_open: false } })),
		);
		await waitUntil(async () => (await stats())?.failed === 3);
		for (const c of closed) expect(await h.control.dms(c.user.id)).toEqual([]);
		expect(h.logs.filter((l) => l.plugin === 'join-dm' && l.level >= 50)).toEqual([]);
		const next = await h.control.join(h.guildId, { user: { username: 'dm-after' } });
		await waitUntil(async () => (await h.control.dms(next.user.id)).length === 1);
	});

	it('counts and logs a member with closed DMs once, however often they are announced as joining', async () => {
		const closed = await h.control.join(h.guildId, { user: { username: 'dm-closed-again', dms_open: false } });
		await waitUntil(async () => (await stats())?.failed === 4);
		const { last_id } = await h.control.requests();
		for (let i = 0; i < 3; i++) await h.control.join(h.guildId, { user_id: closed.user.id, duplicate: true });
		// The core delivers a join once: the repeats never reach the plugin, so not even a DM attempt is made.
		const barrier = await h.control.join(h.guildId, { user: { username: 'dm-barrier' } });
		await waitUntil(async () => (await h.control.dms(barrier.user.id)).length === 1);
		expect((await h.control.requests({ since: last_id, status: 403 })).requests).toEqual([]);
		expect((await stats())?.failed).toBe(4);
		const lines = h.logs.filter((l) => l.plugin === 'join-dm' && l.member === closed.user.id);
		expect(lines).toHaveLength(1);
	});
});
