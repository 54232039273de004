import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFoyerWithEmulator } from '../../src/testing/foyer-harness.ts';
import { waitUntil } from '../helpers/wait.ts';

type Harness = Awaited<ReturnType<typeof startFoyerWithEmulator>>;

describe('plugin manager, end to end through the emulator', () => {
	let h: Harness;
	const seen = () => ((globalThis as Record<string, unknown>).__counterSeen as string[] | undefined) ?? [];

	beforeAll(async () => {
		h = await startFoyerWithEmulator(['greeter', 'counter', 'broken', 'orphan']);
	});
	afterAll(async () => {
		await h?.stop();
	});

	async function joinAndWaitForGreeting(username: string): Promise<string> {
		const { last_id } = { last_id: (await h.control.messages(h.generalId)).at(-1)?.id };
		await h.control.join(h.guildId, { user: { username } });
		const message = await h.control.waitForMessage(h.generalId, {
			...(last_id ? { after: last_id } : {}),
			authorId: h.emulator.defaultApp.botUserId,
		});
		return message.content;
	}

	it('loads the valid plugins and reports the broken ones with a clear reason', () => {
		const list = h.foyer.plugins.list();
		const byDir = (name: string) => list.find((p) => p.dir.endsWith(`/${name}`));
		expect(byDir('greeter')?.status).toBe('loaded');
		expect(byDir('counter')?.status).toBe('loaded');
		expect(byDir('broken')?.status).toBe('failed');
		expect(byDir('broken')?.error).toMatch(/version must be a semantic version/);
		expect(byDir('orphan')?.error).toMatch(/needs "nowhere", which is not loaded/);
	});

	it('runs a plugin listener on a join, registers its command, and routes its button to its interaction handler', async () => {
		expect(await joinAndWaitForGreeting('alice')).toBe('hello alice');
		expect([...h.emulator.defaultApp.globalCommands.values()].map((c) => c.name)).toEqual(['greet']);
		const result = await h.control.command({
			channel_id: h.generalId,
			user_id: h.emulator.demo?.member.id as string,
			command: 'greet',
		});
		expect(result.reply.content).toBe('hi demo-member');
		const clicked = await h.control.click({
			channel_id: h.generalId,
			message_id: result.reply.id,
			user_id: h.emulator.demo?.member.id as string,
			custom_id: 'greeter:wave',
		});
		expect(clicked.reply.content).toBe('demo-member waves back');
	});

	it('logs a throwing listener under its plugin id while the other plugin still sees the event', async () => {
		const before = h.logs.length;
		await h.control.join(h.guildId, { user: { username: 'boom-1' } });
		await waitUntil(() => seen().includes('boom-1'));
		await waitUntil(() => h.logs.slice(before).some((l) => l.plugin === 'greeter' && l.level >= 50));
		const line = h.logs.slice(before).find((l) => l.plugin === 'greeter' && l.level >= 50);
		expect(JSON.stringify(line)).toContain('greeter exploded on purpose');
	});

	it('answers a failing command politely and logs it with the plugin id', async () => {
		const result = await h.control.command({
			channel_id: h.generalId,
			user_id: h.emulator.demo?.member.id as string,
			command: 'greet',
			options: { fail: true },
		});
		expect(result.reply.content).toMatch(/something went wrong/i);
		expect(result.reply.ephemeral).toBe(true);
		expect(h.logs.some((l) => l.plugin === 'greeter' && JSON.stringify(l).includes('greet failed on purpose'))).toBe(
			true,
		);
	});

	it('says so in the member’s own language', async () => {
		const result = await h.control.command({
			channel_id: h.generalId,
			user_id: h.emulator.demo?.member.id as string,
			command: 'greet',
			options: { fail: true },
			locale: 'es-419',
		});
		expect(result.reply.content).toBe(
			'Lo sentimos, algo salió mal al ejecutar este comando. El error quedó registrado para los administradores del servidor.',
		);
	});

	it('answers a failing button politely in the member’s language and logs it with the plugin id', async () => {
		const member = h.emulator.demo?.member.id as string;
		const result = await h.control.command({ channel_id: h.generalId, user_id: member, command: 'greet' });
		for (const [customId, cause] of [
			['greeter:crash', 'crash button failed on purpose'],
			['greeter:crash-parse', 'crash button parse failed on purpose'],
		] as const) {
			const before = h.logs.length;
			const clicked = await h.control.click({
				channel_id: h.generalId,
				message_id: result.reply.id,
				user_id: member,
				custom_id: customId,
				locale: 'es-ES',
			});
			expect(clicked.reply.content).toBe(
				'Lo sentimos, algo salió mal con ese botón o formulario. El error quedó registrado para los administradores del servidor.',
			);
			expect(clicked.reply.ephemeral).toBe(true);
			const line = h.logs.slice(before).find((l) => l.level >= 50 && JSON.stringify(l).includes(cause));
			expect(line).toMatchObject({ plugin: 'greeter', customId });
		}
		// The plugin still answers its other button.
		const wave = await h.control.click({
			channel_id: h.generalId,
			message_id: result.reply.id,
			user_id: member,
			custom_id: 'greeter:wave',
		});
		expect(wave.reply.content).toBe('demo-member waves back');
	});

	it("serves the plugin's translations and picks up edited catalogs on reload", async () => {
		expect(h.foyer.plugins.i18n.t('greeter', 'hello', { locale: 'fr', vars: { name: 'Ann' } })).toBe('Bonjour Ann');
		writeFileSync(join(h.root, 'greeter/languages/fr.json'), '{"hello":"Salut {name}"}');
		await h.foyer.plugins.reload('greeter');
		expect(h.foyer.plugins.i18n.t('greeter', 'hello', { locale: 'fr', vars: { name: 'Ann' } })).toBe('Salut Ann');
	});

	it("renders the plugin's views with the shared partials, escaping member text, and reloads them", async () => {
		const html = h.foyer.plugins.views.render('greeter', 'panel', {
			title: '<script>alert(1)</script>',
			guildName: '"><img onerror=x>',
		});
		expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
		expect(html).toContain('<footer>Foyer · &quot;&gt;&lt;img onerror=x&gt;</footer>');
		expect(() => h.foyer.plugins.views.render('greeter', '../../../package.json', {})).toThrow(
			/outside its views folder/,
		);
		writeFileSync(join(h.root, 'greeter/views/panel.eta'), '<h2><%= it.title %></h2>');
		await h.foyer.plugins.reload('greeter');
		expect(h.foyer.plugins.views.render('greeter', 'panel', { title: 'x' })).toBe('<h2>x</h2>');
	});

	it('picks up a change in a helper module on reload', async () => {
		const helper = join(h.root, 'greeter/listeners/_greeting.ts');
		writeFileSync(helper, "export const greeting = 'howdy';\n");
		await h.foyer.plugins.reload('greeter');
		expect(await joinAndWaitForGreeting('bob')).toBe('howdy bob');
	});

	it('holds events that arrive during a reload and delivers every one after it', async () => {
		const names = Array.from({ length: 20 }, (_, i) => `during-${i}`);
		const joins = (async () => {
			for (const username of names) await h.control.join(h.guildId, { user: { username } });
		})();
		const reloads = (async () => {
			for (let i = 0; i < 5; i++) await h.foyer.plugins.reload('greeter');
		})();
		await Promise.all([joins, reloads]);
		await waitUntil(() => {
			const contents = [...h.emulator.world.channel(h.generalId).messages.values()].map((m) => m.content);
			return names.every((n) => contents.includes(`howdy ${n}`));
		});
	});

	it('keeps the previous version running when a reload fails', async () => {
		const file = join(h.root, 'greeter/listeners/member-add.ts');
		const good = readFileSync(file, 'utf8');
		writeFileSync(file, `${good}\nthis is not typescript(`);
		await expect(h.foyer.plugins.reload('greeter')).rejects.toThrow(/previous version keeps running/);
		writeFileSync(file, good);
		expect(await joinAndWaitForGreeting('carol')).toBe('howdy carol');
	});

	it('does nothing in a guild where the plugin is disabled, and its command says so', async () => {
		await h.foyer.plugins.setEnabled('greeter', h.guildId, false);
		await h.control.join(h.guildId, { user: { username: 'quiet' } });
		await waitUntil(() => seen().includes('quiet'));
		await new Promise((r) => setTimeout(r, 100));
		const contents = [...h.emulator.world.channel(h.generalId).messages.values()].map((m) => m.content);
		expect(contents).not.toContain('howdy quiet');
		const result = await h.control.command({
			channel_id: h.generalId,
			user_id: h.emulator.demo?.member.id as string,
			command: 'greet',
		});
		expect(result.reply.content).toBe('The Greeter plugin is not enabled in this server.');
		const panel = [...h.emulator.world.channel(h.generalId).messages.values()].find(
			(m) => m.content === 'hi demo-member',
		);
		const click = h.control.click({
			channel_id: h.generalId,
			message_id: panel?.id as string,
			user_id: h.emulator.demo?.member.id as string,
			custom_id: 'greeter:wave',
			timeout_ms: 300,
		});
		await expect(click).rejects.toThrow(/did not answer/);
		await h.foyer.plugins.setEnabled('greeter', h.guildId, true);
	});

	it('validates settings against the manifest and uses the stored value', async () => {
		const bad = await h.foyer.plugins.updateSettings('greeter', h.guildId, { prefix: 'x'.repeat(21), nope: 1 });
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['nope', 'prefix']);
		const good = await h.foyer.plugins.updateSettings('greeter', h.guildId, { prefix: '>>' });
		expect(good.ok).toBe(true);
		expect(await joinAndWaitForGreeting('dave')).toBe('>>howdy dave');
	});

	it('answers a throwing plugin route with a plain 500 and logs it under the plugin id', async () => {
		const res = await fetch(`${h.foyer.httpUrl}/greeter/boom`);
		expect(res.status).toBe(500);
		expect(await res.text()).not.toContain('secret detail');
		await waitUntil(() => h.logs.some((l) => l.plugin === 'greeter' && JSON.stringify(l).includes('route exploded')));
	});

	it('serves a plugin route under the plugin id, and answers 404 once the plugin is unloaded', async () => {
		const hello = () => fetch(`${h.foyer.httpUrl}/greeter/hello`);
		const before = await hello();
		expect(before.status).toBe(200);
		expect(await before.text()).toBe('howdy from greeter');
		await h.foyer.plugins.unload('greeter');
		expect((await hello()).status).toBe(404);
		await h.foyer.plugins.load(join(h.root, 'greeter'));
		expect((await hello()).status).toBe(200);
	});

	it('unloads a plugin: no more listener, its command removed from Discord; loading it again restores both', async () => {
		await h.foyer.plugins.unload('greeter');
		expect(h.emulator.defaultApp.globalCommands.size).toBe(0);
		await h.control.join(h.guildId, { user: { username: 'after-unload' } });
		await waitUntil(() => seen().includes('after-unload'));
		await new Promise((r) => setTimeout(r, 100));
		expect(
			[...h.emulator.world.channel(h.generalId).messages.values()].some((m) => m.content.includes('after-unload')),
		).toBe(false);
		await h.foyer.plugins.load(join(h.root, 'greeter'));
		expect([...h.emulator.defaultApp.globalCommands.values()].map((c) => c.name)).toEqual(['greet']);
		expect(await joinAndWaitForGreeting('eve')).toBe('>>howdy eve');
	});
});

describe('a plugin installed as an npm package', () => {
	it('is found by package name and loads like a folder plugin', async () => {
		const { mkdirSync, mkdtempSync, symlinkSync, writeFileSync: write } = await import('node:fs');
		const { tmpdir } = await import('node:os');
		const { resolvePluginSpec } = await import('../../src/core/plugins/plugin-manager.ts');
		const { startFoyerWithEmulator: start } = await import('../../src/testing/foyer-harness.ts');
		const app = mkdtempSync(join(tmpdir(), 'foyer-app-'));
		write(join(app, 'package.json'), '{"name":"some-bot","private":true}');
		mkdirSync(join(app, 'node_modules'));
		symlinkSync(process.cwd(), join(app, 'node_modules/foyer'));
		const pkg = join(app, 'node_modules/foyer-plugin-packaged');
		mkdirSync(pkg);
		write(join(pkg, 'package.json'), '{"name":"foyer-plugin-packaged","version":"2.0.0","type":"module"}');
		write(
			join(pkg, 'plugin.ts'),
			"import { definePlugin } from 'foyer';\nexport default definePlugin({ id: 'packaged', name: 'Packaged', version: '2.0.0', description: 'from npm' });\n",
		);
		const dir = resolvePluginSpec('foyer-plugin-packaged', app);
		expect(dir).toBe(pkg);
		expect(() => resolvePluginSpec('foyer-plugin-missing', app)).toThrow(
			/neither a folder nor an installed npm package/,
		);
		const h = await start([]);
		try {
			const info = await h.foyer.plugins.load(dir);
			expect(info.id).toBe('packaged');
			expect(info.version).toBe('2.0.0');
		} finally {
			await h.stop();
		}
	});
});
