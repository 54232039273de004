import { describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';

/** The seed's dashboard test "configuration persistence": toggle on, restart, a join is welcomed. */
/** The suite, as a function of the harness options so that it can run on each backend. */
describeOnBackends('join configuration made in the dashboard, across a restart of Foyer', (backend) => {
	let h: TestFoyer;

	beforeAll(async () => {
		h = await startTestFoyer({ plugins: [new URL('..', import.meta.url)], backend });
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('keeps the join plugin on, with its channel and message, and welcomes the next member', async () => {
		const admin = await h.dashboard();
		const base = `/guilds/${h.guildId}/plugins/${plugin.id}`;
		await admin.form(`${base}/enabled`, { enabled: 'off' });
		expect(plugin.enabledIn(h.guildId)).toBe(false);
		await admin.form(`${base}/enabled`, { enabled: 'on' });
		await admin.form(`${base}/settings`, { channel: h.channel('welcome'), template: 'Persisted hello %member_name%' });

		await h.restart();
		expect(plugin.enabledIn(h.guildId)).toBe(true);
		expect(plugin.settings(h.guildId)).toMatchObject({
			channel: h.channel('welcome'),
			template: 'Persisted hello %member_name%',
		});
		const welcome = await h.watch('welcome');
		await h.join({ username: 'after-restart', globalName: 'After Restart' });
		expect((await welcome.next()).content).toBe('Persisted hello After Restart');
		const actions = (await (await h.dashboard()).audit(h.guildId)).map((e) => e.action);
		expect(actions).toContain('plugin.disable');
		expect(actions).toContain('settings.update');
	});

	it('keeps the plugin off across a restart when it was turned off', async () => {
		const admin = await h.dashboard();
		await admin.form(`/guilds/${h.guildId}/plugins/${plugin.id}/enabled`, { enabled: 'off' });
		await h.restart();
		expect(plugin.enabledIn(h.guildId)).toBe(false);
		const before = (await h.messages('welcome')).length;
		await h.join('unwelcomed-after-restart');
		await new Promise((r) => setTimeout(r, 300));
		expect(await h.messages('welcome')).toHaveLength(before);
	});
});
