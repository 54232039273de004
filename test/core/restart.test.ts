import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DbJobStore } from '../../src/core/scheduling/db-job-store.ts';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { Emulator } from '../../src/emulator/emulator.ts';
import { DashboardClient } from '../../src/testing/dashboard-client.ts';
import { startFoyerOnFile } from '../helpers/foyer-on-file.ts';

/** Foyer stopped and started again on the same SQLite file, against the same emulator. */
describe('a Foyer restart', () => {
	let emulator: Emulator;
	let control: EmulatorControl;
	const dataDir = mkdtempSync(join(tmpdir(), 'foyer-restart-'));
	const root = resolve('test-artifacts', `restart-${process.pid}-${Date.now()}`);
	const logger = pino({ level: 'silent' });

	const startFoyer = () => startFoyerOnFile({ emulator, dataDir, pluginRoots: [root], logger });

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true });
		control = new EmulatorControl(emulator.url);
		mkdirSync(root, { recursive: true });
		for (const f of ['reminder', 'greeter'])
			cpSync(resolve('test/fixtures/plugins', f), join(root, f), { recursive: true });
	});
	afterAll(async () => {
		await emulator?.close();
		rmSync(root, { recursive: true, force: true });
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('keeps per-guild plugin state and runs a job that fell due while Foyer was down', async () => {
		const guildId = emulator.demo?.guild.id as string;
		const general = emulator.demo?.channels.general as string;
		const first = await startFoyer();
		await first.foyer.plugins.setEnabled('greeter', guildId, false);
		await control.join(guildId, { user: { username: 'late-600ms' } });
		const waitForJob = Date.now() + 3000;
		while ((await new DbJobStore(first.db).nextRunAt()) === null && Date.now() < waitForJob)
			await new Promise((r) => setTimeout(r, 20));
		await first.foyer.stop();
		await first.db.close();
		const messages = () => [...emulator.world.channel(general).messages.values()].map((m) => m.content);
		expect(messages()).not.toContain('reminder for late-600ms');

		await new Promise((r) => setTimeout(r, 800));
		const second = await startFoyer();
		try {
			expect(second.foyer.plugins.isEnabledIn('greeter', guildId)).toBe(false);
			const deadline = Date.now() + 5000;
			while (!messages().includes('reminder for late-600ms') && Date.now() < deadline)
				await new Promise((r) => setTimeout(r, 20));
			expect(messages()).toContain('reminder for late-600ms');
		} finally {
			await second.foyer.stop();
			await second.db.close();
		}
	});

	it('answers slash commands, serves routes and keeps dashboard logins after a restart in the same process', async () => {
		const guildId = emulator.demo?.guild.id as string;
		const general = emulator.demo?.channels.general as string;
		const ownerId = emulator.demo?.owner.id as string;
		const first = await startFoyer();
		const admin = await DashboardClient.login(first.foyer.httpUrl, ownerId);
		const cookie = admin.cookies.get('foyer_session') as string;
		await first.foyer.stop();
		await first.db.close();
		const second = await startFoyer();
		try {
			await second.foyer.plugins.setEnabled('greeter', guildId, true);
			const answer = await control.command({ channel_id: general, user_id: ownerId, command: 'greet' });
			expect(JSON.stringify(answer)).toContain('hi demo-owner');
			expect(await (await fetch(`${second.foyer.httpUrl}/greeter/hello`)).text()).toBe('hello from greeter');
			const again = new DashboardClient(second.foyer.httpUrl);
			again.cookies.set('foyer_session', cookie);
			expect((await again.page(`/guilds/${guildId}`)).status).toBe(200);
		} finally {
			await second.foyer.stop();
			await second.db.close();
		}
	});
});
