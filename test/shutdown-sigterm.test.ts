import { afterAll, beforeAll, expect, it } from 'vitest';
import { EmulatorControl } from '../src/emulator/control-client.ts';
import { Emulator } from '../src/emulator/emulator.ts';
import { type Backend, describeOnBackends } from '../src/testing/backends.ts';
import { type FoyerProcess, startFoyerProcess } from '../src/testing/foyer-process.ts';
import { configureRaidGuild, raidOutcome } from './helpers/raid-setup.ts';
import { waitUntil } from './helpers/wait.ts';

const RAID = 30;

/** `npm start` stopped with SIGTERM in the middle of a raid, and started again on the same database. */
describeOnBackends('SIGTERM during a raid', (backend: Backend) => {
	let emulator: Emulator;
	let control: EmulatorControl;
	let foyer: FoyerProcess | null = null;
	let setup: Awaited<ReturnType<typeof configureRaidGuild>>;
	const users: string[] = [];

	const start = async () => {
		foyer = await startFoyerProcess({ emulator, env: { ...(await backend.env()), SHUTDOWN_GRACE_S: '20' } });
		return foyer;
	};
	const raid = async (n: number, prefix: string) => {
		for (let i = 0; i < n; i++) {
			const id = emulator.world.createUser({ username: `${prefix}${i}` }).id;
			users.push(id);
			emulator.world.join(setup.guildId, id);
		}
	};
	const errorsOf = (p: FoyerProcess) => p.logs.filter((l) => l.level >= 50);

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true });
		control = new EmulatorControl(emulator.url);
		await start();
		setup = await configureRaidGuild(emulator, control, 0.05);
		await control.setRateLimits({ mode: 'realistic' });
	}, 90_000);
	afterAll(async () => {
		foyer?.kill('SIGKILL');
		await foyer?.exited;
		await emulator?.close();
		await backend.cleanup();
	});

	it('finishes the work under way, exits 0 within its grace period, and the next start repeats none of it', async () => {
		const first = foyer as FoyerProcess;
		await raid(RAID, 'term');
		await first.waitForLog((l) => l.msg === 'Plugin Join messages 0.2.0 loaded');
		await new Promise((r) => setTimeout(r, 1_000));
		const stoppingAt = Date.now();
		first.kill('SIGTERM');
		const exit = await first.exited;
		expect(exit.code).toBe(0);
		expect(Date.now() - stoppingAt).toBeLessThan(35_000);
		expect(first.logs.some((l) => l.msg === 'Stopped')).toBe(true);
		expect(errorsOf(first)).toEqual([]);
		const second = await start();
		await waitUntil(async () => {
			const o = await raidOutcome(emulator, control, setup, users);
			return o.welcomed === users.length && o.dmsOnce === users.length && o.allRoles === users.length;
		}, 60_000);
		await new Promise((r) => setTimeout(r, 6_000));
		expect(await raidOutcome(emulator, control, setup, users)).toEqual({
			welcomed: users.length,
			namedTwice: 0,
			dmsOnce: users.length,
			dmsTwice: 0,
			allRoles: users.length,
			roleCallsTwice: 0,
		});
		expect(errorsOf(second)).toEqual([]);
	}, 150_000);

	it('exits at once on a second SIGTERM; what it had not done is done once at the next start', async () => {
		const running = foyer as FoyerProcess;
		await raid(RAID, 'twice');
		await new Promise((r) => setTimeout(r, 1_000));
		const at = Date.now();
		running.kill('SIGTERM');
		await running.waitForLog((l) => /^Stopping/.test(l.msg));
		running.kill('SIGTERM');
		const exit = await running.exited;
		expect(exit.code).toBe(1);
		expect(Date.now() - at).toBeLessThan(5_000);
		await start();
		await waitUntil(async () => {
			const o = await raidOutcome(emulator, control, setup, users);
			return o.welcomed === users.length && o.dmsOnce === users.length && o.allRoles === users.length;
		}, 90_000);
		await new Promise((r) => setTimeout(r, 6_000));
		expect(await raidOutcome(emulator, control, setup, users)).toMatchObject({
			welcomed: users.length,
			namedTwice: 0,
			dmsTwice: 0,
			roleCallsTwice: 0,
		});
	}, 150_000);
});
