import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/database/database.ts';
import { applySandboxDefaults } from '../../src/sandbox/sandbox-defaults.ts';
import { DashboardClient } from '../../src/testing/dashboard-client.ts';
import { startFoyerWithEmulator } from '../../src/testing/foyer-harness.ts';
import { sqliteDatabase } from '../helpers/databases.ts';
import { waitUntil } from '../helpers/wait.ts';

const SPANISH = '¡Bienvenido %member_mention% a **%guild_name%**! Ahora somos %member_count% miembros.';

/** The dashboard draws messages as members see them: previews, test messages and the sandbox feed. */
describe('messages drawn like Discord in the dashboard', () => {
	const target = sqliteDatabase();
	let db: Database;
	let h: Awaited<ReturnType<typeof startFoyerWithEmulator>>;
	let owner: DashboardClient;
	const demo = () => {
		if (!h.emulator.demo) throw new Error('no demo guild');
		return h.emulator.demo;
	};

	beforeAll(async () => {
		db = await target.open();
		h = await startFoyerWithEmulator(['join', 'leave', 'join-dm', 'autoroles'], { from: 'plugins', db });
		await applySandboxDefaults(h.foyer, h.emulator);
		owner = await DashboardClient.login(h.foyer.httpUrl, demo().owner.id);
	});
	afterAll(async () => {
		await h?.stop();
		await db?.close();
		await target.cleanup();
	});

	const preview = async (template: string, as?: string) => {
		const q = new URLSearchParams({ field: 'template', template, ...(as ? { as } : {}) });
		return (await owner.page(`/guilds/${h.guildId}/template-preview?${q}`, { 'hx-request': 'true' })).text();
	};

	it('previews the Spanish welcome with the admin as a @name pill and the server name in bold, sent by the bot', async () => {
		const html = await preview(SPANISH);
		expect(html).toContain(
			'¡Bienvenido <span class="dc-mention dc-user">@Demo Owner</span> a <strong>Foyer Demo</strong>! Ahora somos',
		);
		expect(html).not.toContain('&lt;@');
		expect(html).not.toContain('**');
		const bot = h.foyer.client.user;
		expect(html).toContain(`<strong class="dc-author">${bot?.displayName}</strong> <span class="dc-app">APP</span>`);
	});

	it('previews embed fields inside an embed card, and the settings form asks for that', async () => {
		const html = await preview('Welcome to %guild_name%!', 'embed-title');
		expect(html).toMatch(/<div class="dc-embed">[\s\S]*<p class="dc-embed-title">Welcome to Foyer Demo!<\/p>/);
		const form = await (await owner.page(`/join/${h.guildId}`)).text();
		expect(form).toContain('template-preview?field=embedTitle&amp;as=embed-title"');
		expect(form).toContain('template-preview?field=embedDescription&amp;as=embed-description"');
		// The form's first render carries the same previews.
		expect(form).toContain('<p class="dc-embed-title">Welcome to Foyer Demo!</p>');
	});

	it('shows a raw mention of someone who is not in the server neutrally, and never renders HTML typed into a template', async () => {
		const html = await preview('<@99999999999999999> <script>alert(1)</script> [x](javascript:alert(1))');
		expect(html).toContain('<span class="dc-mention dc-unknown">@unknown-user</span>');
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(html).not.toContain('<script>');
		expect(html).not.toContain('href="javascript');
	});

	it('shows the test welcome it just sent as members see it', async () => {
		const saved = await owner.form(`/guilds/${h.guildId}/plugins/join/settings`, { template: SPANISH });
		expect(saved.status).toBe(303);
		const res = await owner.form(`/join/${h.guildId}/test`, {}, { htmx: true });
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('Sent to #welcome.');
		expect(html).toContain('<figcaption class="muted">What members see:</figcaption>');
		expect(html).toContain(
			'¡Bienvenido <span class="dc-mention dc-user">@Demo Owner</span> a <strong>Foyer Demo</strong>!',
		);
		expect(html).toMatch(/<span class="dc-channel">#welcome<\/span>/);
	});

	it('draws the sandbox feed with the new member and the auto role by name, not as <@id> or <@&id>', async () => {
		const joined = await h.control.join(h.guildId, { user: { username: 'walker' } });
		await waitUntil(async () => {
			const feed = await (await owner.page(`/guilds/${h.guildId}/sandbox/feed`, { 'hx-request': 'true' })).text();
			return feed.includes('<span class="dc-mention dc-user">@walker</span>');
		});
		const feed = await (await owner.page(`/guilds/${h.guildId}/sandbox/feed`, { 'hx-request': 'true' })).text();
		expect(feed).toContain(
			'¡Bienvenido <span class="dc-mention dc-user">@walker</span> a <strong>Foyer Demo</strong>!',
		);
		expect(feed).toMatch(/<span class="dc-mention dc-role"[^>]*>@Member<\/span>/);
		expect(feed).not.toMatch(/&lt;@[!&]?(amp;)?\d/);
		expect(feed).not.toContain(joined.user.id);
	});
});
