import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFoyerWithEmulator } from '../../src/testing/foyer-harness.ts';
import { waitUntil } from '../helpers/wait.ts';

type Harness = Awaited<ReturnType<typeof startFoyerWithEmulator>>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('plugin kit: typed handle, services and events between plugins', () => {
	let h: Harness;
	let memberId: string;
	const texts = async () => (await h.control.messages(h.generalId)).map((m) => String(m.content));
	const kit = async (sub: string, options?: Record<string, string | number>) =>
		String(
			(
				await h.control.command({
					channel_id: h.generalId,
					user_id: memberId,
					command: `kit ${sub}`,
					...(options ? { options } : {}),
				})
			).reply.content,
		);
	/** Rewrites a file of the copied plugin, for the next reload. */
	const rewrite = (plugin: string, file: string, edit: (text: string) => string) => {
		const path = join(h.root, plugin, file);
		writeFileSync(path, edit(readFileSync(path, 'utf8')));
	};

	beforeAll(async () => {
		h = await startFoyerWithEmulator(['kit-provider', 'kit-consumer', 'kit-stray']);
		memberId = h.emulator.demo?.member.id as string;
	});
	afterAll(async () => {
		await h?.stop();
	});

	it('refuses a plugin that listens to the events of a plugin it does not declare, saying what to add', () => {
		const stray = h.foyer.plugins.list().find((p) => p.dir.endsWith('/kit-stray'));
		expect(stray?.status).toBe('failed');
		expect(stray?.error).toMatch(/listens to kit-provider:joined: add "kit-provider" to the plugin's dependsOn/);
		expect(h.foyer.plugins.isLoaded('kit-provider') && h.foyer.plugins.isLoaded('kit-consumer')).toBe(true);
	});

	it("delivers the provider's event to the consumer, which calls the provider's service, before emit resolves", async () => {
		await h.control.join(h.guildId, { user: { username: 'ada' } });
		await waitUntil(async () => (await texts()).includes('delivered ada'));
		const all = await texts();
		// The consumer's answer (3 letters doubled) comes before the provider's "delivered", sent after emit.
		expect(all.indexOf('seen ada 6')).toBeGreaterThanOrEqual(0);
		expect(all.indexOf('seen ada 6')).toBeLessThan(all.indexOf('delivered ada'));
	});

	it("renders another plugin's template context (the inviter) in member messages, and the fallback once it is gone", async () => {
		await h.control.join(h.guildId, { user: { username: 'eve' } });
		await waitUntil(async () => (await texts()).includes('eve invited by kit-inviter (7)'));
	});

	it("reads the consumer's settings typed from its manifest, and validates changes", async () => {
		const saved = await h.foyer.plugins.updateSettings('kit-consumer', h.guildId, { mode: 'loud', greeting: 'hi' });
		expect(saved.ok).toBe(true);
		const refused = await h.foyer.plugins.updateSettings('kit-consumer', h.guildId, { mode: 'shouting' });
		expect(refused).toEqual({ ok: false, errors: { mode: 'must be one of plain, loud' } });
		await h.control.join(h.guildId, { user: { username: 'bob' } });
		await waitUntil(async () => (await texts()).includes('delivered bob'));
		expect(await texts()).toContain('HI BOB 6');
		await h.foyer.plugins.updateSettings('kit-consumer', h.guildId, { mode: 'plain', greeting: 'seen' });
	});

	it('makes service calls that arrive while the provider reloads wait for the new version instead of failing', async () => {
		expect(await kit('version')).toBe('version v1');
		rewrite('kit-provider', '_version.ts', () => "export const VERSION = 'v2';\n");
		// The new version takes a while to build its service: calls made meanwhile must wait for it.
		rewrite('kit-provider', 'service.ts', (t) => `await new Promise((r) => setTimeout(r, 400));\n${t}`);
		const reload = h.foyer.plugins.reload('kit-provider');
		await sleep(100);
		const during = await Promise.all([kit('version'), kit('version'), kit('version')]);
		await reload;
		expect(during).toEqual(['version v2', 'version v2', 'version v2']);
		expect(await kit('version')).toBe('version v2');
	});

	it('holds events for a consumer that is reloading and delivers them to its new version', async () => {
		rewrite(
			'kit-consumer',
			'listeners/provider-joined.ts',
			(t) => `await new Promise((r) => setTimeout(r, 400));\n${t.replace('const text = `', 'const text = `again ')}`,
		);
		const reload = h.foyer.plugins.reload('kit-consumer');
		await sleep(100);
		await h.control.join(h.guildId, { user: { username: 'cyd' } });
		await reload;
		await waitUntil(async () => (await texts()).includes('delivered cyd'));
		const all = await texts();
		expect(all).toContain('again seen cyd 6');
		expect(all).not.toContain('seen cyd 6');
		expect(all.indexOf('again seen cyd 6')).toBeLessThan(all.indexOf('delivered cyd'));
	});

	it('fails service calls clearly once an optional provider is unloaded, and works again when it is back', async () => {
		await h.foyer.plugins.unload('kit-provider');
		expect(await kit('version')).toBe(
			'unavailable: The "kit-provider" service is unavailable: its plugin is not loaded',
		);
		await h.foyer.plugins.load(join(h.root, 'kit-provider'));
		expect(await kit('version')).toBe('version v2');
		// Loaded again, its modules run again: its template context is back (not the unloaded version's).
		await h.control.join(h.guildId, { user: { username: 'fay' } });
		await waitUntil(async () => (await texts()).includes('fay invited by kit-inviter (7)'));
	});

	it('checks scheduled-task payloads against the manifest when scheduling, and hands the task the typed payload', async () => {
		expect(await kit('remind', { text: '' })).toBe(
			'refused: Invalid payload for task kit-consumer:remind: text Too small: expected string to have >=1 characters',
		);
		expect(await kit('remind', { text: 'water the plants' })).toBe('scheduled');
		await waitUntil(async () => (await texts()).includes('reminder: water the plants'));
	});

	it("tells the plugin's current version only that it loaded and that its settings or enablement changed", async () => {
		const changes = () =>
			h.logs.filter((l) => l.msg === 'kit-consumer change').map((l) => l.change as { kind: string });
		// Loaded at start and after the reload above, once each; the settings test above saved twice.
		expect(changes().filter((c) => c.kind === 'loaded')).toHaveLength(2);
		expect(changes().filter((c) => c.kind === 'settings')).toHaveLength(2);
		const before = changes().length;
		await h.foyer.plugins.updateSettings('kit-consumer', h.guildId, { greeting: 'heard' });
		await h.foyer.plugins.updateSettings('kit-consumer', h.guildId, { mode: 'shouting' });
		await h.foyer.plugins.setEnabled('kit-consumer', h.guildId, false);
		await h.foyer.plugins.setEnabled('kit-consumer', h.guildId, true);
		await waitUntil(() => changes().length === before + 3);
		await sleep(50);
		expect(changes().slice(before)).toEqual([
			{ kind: 'settings', guildId: h.guildId },
			{ kind: 'enabled', guildId: h.guildId, enabled: false },
			{ kind: 'enabled', guildId: h.guildId, enabled: true },
		]);
	});
});
