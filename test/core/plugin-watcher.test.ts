import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PluginWatcher } from '../../src/core/plugins/plugin-watcher.ts';
import { startFoyerWithEmulator } from '../../src/testing/foyer-harness.ts';
import { waitUntil } from '../helpers/wait.ts';

type Harness = Awaited<ReturnType<typeof startFoyerWithEmulator>>;

describe('npm run dev: the plugin watcher', () => {
	let h: Harness;
	let watcher: PluginWatcher;

	beforeAll(async () => {
		h = await startFoyerWithEmulator(['greeter']);
		watcher = new PluginWatcher(h.foyer.plugins, h.logger, 50);
		watcher.watch([h.root]);
	});
	afterAll(async () => {
		watcher?.close();
		await h?.stop();
	});

	it('reloads the plugin whose helper file was saved, once per burst of writes', async () => {
		const reloads = () => h.foyer.plugins.list().find((p) => p.id === 'greeter')?.reloads ?? 0;
		const before = reloads();
		const helper = join(h.root, 'greeter/listeners/_greeting.ts');
		for (let i = 0; i < 3; i++) writeFileSync(helper, `export const greeting = 'saved ${i}';\n`);
		await waitUntil(() => reloads() === before + 1);
		await new Promise((r) => setTimeout(r, 200));
		expect(reloads()).toBe(before + 1);
		const after = h.emulator.world.channel(h.generalId).lastMessageId ?? undefined;
		await h.control.join(h.guildId, { user: { username: 'watched' } });
		const message = await h.control.waitForMessage(h.generalId, {
			...(after ? { after } : {}),
			authorId: h.emulator.defaultApp.botUserId,
		});
		expect(message.content).toBe('saved 2 watched');
	});

	it('loads a plugin folder that appears while running', async () => {
		const dir = join(h.root, 'late');
		mkdirSync(dir);
		writeFileSync(
			join(dir, 'plugin.ts'),
			"import { definePlugin } from 'foyer';\nexport default definePlugin({ id: 'late', name: 'Late', version: '1.0.0', description: 'added at runtime' });\n",
		);
		await waitUntil(() => h.foyer.plugins.isLoaded('late'));
	});
});
