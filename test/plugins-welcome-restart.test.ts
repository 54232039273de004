import { resolve } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EmulatorControl } from '../src/emulator/control-client.ts';
import { Emulator } from '../src/emulator/emulator.ts';
import { type Backend, describeOnBackends } from '../src/testing/backends.ts';
import { DashboardClient } from '../src/testing/dashboard-client.ts';
import { startFoyerOnBackend } from '../src/testing/foyer-on-backend.ts';

/** The seed's dashboard test "configuration persistence": toggle on, restart, a join is welcomed. */
describeOnBackends('welcome configuration made in the dashboard, across a restart of Foyer', (backend: Backend) => {
	let emulator: Emulator;
	let control: EmulatorControl;
	const logger = pino({ level: 'silent' });

	const startFoyer = () => startFoyerOnBackend({ emulator, backend, pluginRoots: [resolve('plugins')], logger });

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true });
		control = new EmulatorControl(emulator.url);
	});
	afterAll(async () => {
		await emulator?.close();
		await backend.cleanup();
	});

	it('keeps the join plugin on, with its channel and message, and welcomes the next member', async () => {
		const demo = emulator.demo;
		if (!demo) throw new Error('no demo');
		const guildId = demo.guild.id;
		const welcome = demo.channels.welcome as string;
		const first = await startFoyer();
		const admin = await DashboardClient.login(first.foyer.httpUrl, demo.owner.id);
		await admin.form(`/guilds/${guildId}/plugins/join/enabled`, { enabled: 'off' });
		expect(first.foyer.plugins.isEnabledIn('join', guildId)).toBe(false);
		await admin.form(`/guilds/${guildId}/plugins/join/enabled`, { enabled: 'on' });
		await admin.form(`/guilds/${guildId}/plugins/join/settings`, {
			channel: welcome,
			template: 'Persisted hello %member_name%',
		});
		await first.foyer.stop();

		const second = await startFoyer();
		try {
			expect(second.foyer.plugins.isEnabledIn('join', guildId)).toBe(true);
			const after = emulator.world.channel(welcome).lastMessageId ?? undefined;
			await control.join(guildId, { user: { username: 'after-restart', global_name: 'After Restart' } });
			const message = await control.waitForMessage(welcome, {
				...(after ? { after } : {}),
				authorId: emulator.defaultApp.botUserId,
			});
			expect(message.content).toBe('Persisted hello After Restart');
			const audit = await (
				await DashboardClient.login(second.foyer.httpUrl, demo.owner.id).then((c) => c.page(`/guilds/${guildId}/audit`))
			).text();
			expect(audit).toContain('plugin.disable');
			expect(audit).toContain('settings.update');
		} finally {
			await second.foyer.stop();
		}
	});
});
