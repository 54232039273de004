import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Backend, describeOnBackends } from '../src/testing/backends.ts';
import { startFoyerWithEmulator } from '../src/testing/foyer-harness.ts';
import { waitUntil } from './helpers/wait.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The delayed auto role's job key is `assign:<guild>:<user>:<delay>`: BullMQ refused it as a job id
// ("Custom Id cannot contain :"), so with REDIS_URL no delayed role was ever given.
describeOnBackends('a delayed auto role end to end', (backend: Backend) => {
	let h: Awaited<ReturnType<typeof startFoyerWithEmulator>>;
	const rolesOf = (userId: string) => h.emulator.world.member(h.guildId, userId).roles;
	const errors = () => h.logs.filter((l) => l.level >= 50);

	beforeAll(async () => {
		h = await startFoyerWithEmulator(['autoroles'], { from: 'plugins', ...(await backend.harnessOptions()) });
		const demo = h.emulator.demo as NonNullable<typeof h.emulator.demo>;
		const added = await h.control.command({
			channel_id: h.generalId,
			user_id: demo.admin.id,
			command: 'autoroles add',
			options: { role: demo.roles.Verified as string, delay: 0.02 }, // 1.2 s, kept as 1 s
		});
		expect(added.reply.content).toMatch(/^Added auto role/);
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('gives the role once its delay has passed, and not before', async () => {
		const verified = h.emulator.demo?.roles.Verified as string;
		const joinedAt = Date.now();
		const user = (await h.control.join(h.guildId, { user: { username: 'delayed-1' } })).user.id;
		await sleep(500);
		expect(rolesOf(user)).toEqual([]);
		await waitUntil(() => rolesOf(user).includes(verified), 8000);
		expect(Date.now() - joinedAt).toBeGreaterThanOrEqual(900);
		expect(rolesOf(user)).toEqual([verified]);
		expect(errors()).toEqual([]);
	});

	it('cancels the pending role when the member leaves before the delay', async () => {
		const user = (await h.control.join(h.guildId, { user: { username: 'delayed-leaver' } })).user.id;
		await waitUntil(async () => (await h.foyer.scheduler.pending()) > 0);
		await h.control.leave(h.guildId, user);
		await waitUntil(async () => (await h.foyer.scheduler.pending()) === 0);
		const since = h.emulator.requests.lastId;
		await sleep(1500);
		// Not even the member look-up the task starts with: the job never ran.
		expect(h.emulator.requests.since(since).filter((r) => r.path.includes(user))).toEqual([]);
		expect(errors()).toEqual([]);
	});
});
