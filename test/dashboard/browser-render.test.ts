import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/core/database/database.ts';
import { applySandboxDefaults } from '../../src/sandbox/sandbox-defaults.ts';
import { startFoyerWithEmulator } from '../../src/testing/foyer-harness.ts';
import { describeWithChromium, launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { sqliteDatabase } from '../helpers/databases.ts';

const SPANISH = '¡Bienvenido %member_mention% a **%guild_name%**! Ahora somos %member_count% miembros.';

/**
 * Issue 15's walk as a new admin takes it, in a real Chromium against the sandbox's plugins: log in as
 * demo-owner, set the Spanish welcome, watch the live preview, save, simulate a join in the Sandbox
 * and see the welcome as members see it: names, not ids, and bold text, not asterisks.
 */
describeWithChromium('messages drawn like Discord, in a real browser', () => {
	const target = sqliteDatabase();
	let db: Database;
	let h: Awaited<ReturnType<typeof startFoyerWithEmulator>>;
	let b: TestBrowser;
	let page: Page;
	let base: string;
	const pageErrors: string[] = [];
	const text = async (p: Page, selector: string) =>
		((await p.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

	beforeAll(async () => {
		db = await target.open();
		h = await startFoyerWithEmulator(['join', 'leave', 'join-dm', 'autoroles'], { from: 'plugins', db });
		await applySandboxDefaults(h.foyer, h.emulator);
		base = h.foyer.httpUrl;
		b = await launchBrowser();
		page = await b.context.newPage();
		page.on('pageerror', (error) => pageErrors.push(error.message));
	});
	afterAll(async () => {
		await b?.close();
		await h?.stop();
		await db?.close();
		await target.cleanup();
	});

	it('logs in as demo-owner, previews the Spanish welcome with @name and bold text as it is typed, and saves it', async () => {
		await page.goto(`${base}/`);
		await page.getByRole('link', { name: 'Log in with Discord' }).click();
		await page.waitForURL((u) => u.href.startsWith(`${h.emulator.url}/oauth2/authorize`));
		await page.locator(`a[data-user-id="${h.emulator.demo?.owner.id}"]`).click();
		await page.waitForURL(`${base}/`);
		await page.goto(`${base}/join/${h.guildId}`);
		const message = page.getByLabel('Message', { exact: true });
		await message.fill(SPANISH);
		const preview = page.locator('#f-template-preview');
		await preview.locator('.dc-content', { hasText: '¡Bienvenido' }).waitFor();
		expect(await text(page, '#f-template-preview .dc-content')).toMatch(
			/^¡Bienvenido @Demo Owner a Foyer Demo! Ahora somos \d+ miembros\.$/,
		);
		expect(await preview.locator('.dc-mention.dc-user').textContent()).toBe('@Demo Owner');
		expect(await preview.innerHTML()).not.toContain('&lt;@');
		// The pill is drawn as one: a background, unlike the text around it.
		const pillBackground = await preview
			.locator('.dc-mention')
			.evaluate('(el) => getComputedStyle(el).backgroundColor');
		expect(pillBackground).not.toBe('rgba(0, 0, 0, 0)');
		await b.screenshot(page, 'render-01-preview');
		await page.getByRole('button', { name: 'Save' }).click();
		await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
		expect(h.foyer.plugins.settings('join', h.guildId)).toMatchObject({ template: SPANISH });
	});

	it('simulates a join in the Sandbox and shows the welcome with @walker and the bold server name, not <@id>', async () => {
		await page.getByRole('link', { name: 'Sandbox' }).click();
		await page.waitForURL(`${base}/guilds/${h.guildId}/sandbox`);
		await page.getByLabel('Username').fill('walker');
		await page.getByRole('button', { name: 'Join' }).click();
		const welcome = page.locator('#sandbox-feed li', { hasText: '¡Bienvenido @walker' });
		await welcome.waitFor({ timeout: 8000 });
		expect(await welcome.locator('.dc-content').textContent()).toMatch(
			/^¡Bienvenido @walker a Foyer Demo! Ahora somos \d+ miembros\.$/,
		);
		expect(await welcome.locator('.dc-mention.dc-user').textContent()).toBe('@walker');
		expect(await welcome.locator('.dc-content strong').textContent()).toBe('Foyer Demo');
		expect(await welcome.locator('.dc-channel').textContent()).toBe('#welcome');
		const feed = await page.locator('#sandbox-feed').innerHTML();
		expect(feed).not.toMatch(/&lt;@/);
		// The auto role the sandbox set up is named too.
		expect(await page.locator('#sandbox-feed .dc-role', { hasText: '@Member' }).count()).toBeGreaterThan(0);
		await b.screenshot(page, 'render-02-sandbox-feed');
	});

	it('shows the overview with the growth chart drawn from the joins, the numbers behind it, and the plugin cards', async () => {
		await page.getByRole('link', { name: 'Overview' }).click();
		await page.waitForURL(`${base}/guilds/${h.guildId}`);
		const chart = page.getByRole('img', { name: /^Joins and leaves per day over the last 30 days: [1-9]\d* joined/ });
		expect((await chart.boundingBox())?.width).toBeGreaterThan(300);
		expect(await page.locator('svg.chart rect.bar.join').count()).toBeGreaterThan(0);
		await page.getByText('Numbers per day').click();
		const today = new Date().toISOString().slice(0, 10);
		await page.getByRole('rowheader', { name: today }).waitFor();
		expect(await page.locator('.plugin-card').count()).toBe(4);
		await b.screenshot(page, 'render-03-overview');
		await page.getByRole('link', { name: '90 days' }).click();
		await page.waitForURL(`${base}/guilds/${h.guildId}?days=90`);
		await page.getByRole('img', { name: /over the last 90 days/ }).waitFor();
	});

	it('raised no uncaught script error', () => {
		expect(pageErrors).toEqual([]);
	});
});
