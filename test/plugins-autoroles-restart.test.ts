import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EmulatorControl } from '../src/emulator/control-client.ts';
import { Emulator } from '../src/emulator/emulator.ts';
import { type Backend, describeOnBackends } from '../src/testing/backends.ts';
import { startFoyerOnBackend } from '../src/testing/foyer-on-backend.ts';
import { waitUntil } from './helpers/wait.ts';

// Its own file so that its restart does not share the process with the other autoroles tests.
/** Foyer stopped while a delayed role is pending, and started again on the same database and scheduler. */
describeOnBackends('a delayed auto role across a Foyer restart', (backend: Backend) => {
	let emulator: Emulator;
	let control: EmulatorControl;
	const root = resolve('test-artifacts', `autoroles-restart-${process.pid}-${Date.now()}-${backend.dialect}`);
	const logger = pino({ level: 'silent' });

	const startFoyer = () => startFoyerOnBackend({ emulator, backend, pluginRoots: [root], logger });

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true });
		control = new EmulatorControl(emulator.url);
		mkdirSync(root, { recursive: true });
		cpSync(resolve('plugins/autoroles'), join(root, 'autoroles'), { recursive: true });
	});
	afterAll(async () => {
		await emulator?.close();
		await backend.cleanup();
		rmSync(root, { recursive: true, force: true });
	});

	it('gives the role when Foyer is back, not before the delay', async () => {
		const demo = emulator.demo as NonNullable<Emulator['demo']>;
		const verified = demo.roles.Verified as string;
		const first = await startFoyer();
		const added = await control.command({
			channel_id: demo.channels.general as string,
			user_id: demo.admin.id,
			command: 'autoroles add',
			options: { role: verified, delay: 0.05 }, // 3 s
		});
		expect(added.reply.content).toMatch(/^Added auto role/);
		const joinedAt = Date.now();
		const user = (await control.join(demo.guild.id, { user: { username: 'ar-restart' } })).user.id as string;
		await waitUntil(async () => (await first.foyer.scheduler.pending()) > 0);
		await first.foyer.stop();
		const rolesOf = () => emulator.world.member(demo.guild.id, user).roles;
		expect(rolesOf()).toEqual([]);

		const second = await startFoyer();
		try {
			await waitUntil(() => rolesOf().includes(verified), 8000);
			expect(Date.now() - joinedAt).toBeGreaterThanOrEqual(2900);
			expect(rolesOf()).toEqual([verified]);
		} finally {
			await second.foyer.stop();
		}
	});
});
