import type { Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFoyerWithEmulator } from '../../src/testing/foyer-harness.ts';
import { describeWithChromium, launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { waitUntil } from '../helpers/wait.ts';

type Harness = Awaited<ReturnType<typeof startFoyerWithEmulator>>;

/**
 * The dashboard in a real Chromium against Foyer and the emulator: login through the emulator's
 * OAuth2 page, htmx swaps, the generated settings form, the plugin manager, the sandbox, keyboard
 * access, the no-JavaScript path and dark mode. The tests run in order and share one logged-in page.
 * Every page visited is saved under test-artifacts/screenshots/.
 */
describeWithChromium('dashboard in a real browser', () => {
	let h: Harness;
	let b: TestBrowser;
	let page: Page;
	let base: string;
	const pageErrors: string[] = [];
	const notFound: string[] = [];

	const ownerId = () => h.emulator.demo?.owner.id as string;
	const botId = () => h.emulator.defaultApp.botUserId;
	const overviewPath = () => `/guilds/${h.guildId}`;
	const pathOf = (p: Page) => new URL(p.url()).pathname;
	const greeterRow = (p: Page) => p.locator('tr[data-plugin="greeter"]');
	/** An element's text with its whitespace collapsed. */
	const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();
	/** What the greeter sends for a join right now: "<prefix>hello <username>". */
	const greetingFor = (username: string) =>
		`${(h.foyer.plugins.settings('greeter', h.guildId) as { prefix: string }).prefix}hello ${username}`;
	const botMessagesInGeneral = () =>
		[...h.emulator.world.channel(h.generalId).messages.values()]
			.filter((m) => m.authorId === botId())
			.map((m) => m.content);

	/** A member joins and the bot's next message in the system channel is returned. */
	async function joinAndWaitForBotMessage(username: string): Promise<string> {
		const after = h.emulator.world.channel(h.generalId).lastMessageId ?? undefined;
		await h.control.join(h.guildId, { user: { username } });
		const message = await h.control.waitForMessage(h.generalId, { ...(after ? { after } : {}), authorId: botId() });
		return message.content;
	}

	/** Logs a browser page in as the demo owner by clicking through the login and the emulator's page. */
	async function logInAsOwner(p: Page, shots?: { login: string; authorize: string }) {
		await p.goto(`${base}/`);
		expect(pathOf(p)).toBe('/login');
		if (shots) await b.screenshot(p, shots.login);
		await p.getByRole('link', { name: 'Log in with Discord' }).click();
		await p.waitForURL((u) => u.href.startsWith(`${h.emulator.url}/oauth2/authorize`));
		if (shots) await b.screenshot(p, shots.authorize);
		await p.locator(`a[data-user-id="${ownerId()}"]`).click();
		await p.waitForURL((u) => u.href === `${base}/`);
	}

	beforeAll(async () => {
		h = await startFoyerWithEmulator(['greeter']);
		base = h.foyer.httpUrl;
		b = await launchBrowser();
		page = await b.context.newPage();
		page.on('pageerror', (error) => pageErrors.push(error.message));
		page.on('response', (r) => {
			// The emulator's login page is part of the walk: its origin counts too.
			if (r.status() === 404 && (r.url().startsWith(base) || r.url().startsWith(h.emulator.url)))
				notFound.push(r.url());
		});
	});
	afterAll(async () => {
		await b?.close();
		await h?.stop();
	});

	it('sends a visitor of the root to the login, through the emulator authorize page as the demo owner, and back to the guild picker', async () => {
		await logInAsOwner(page, { login: '01-login', authorize: '02-emulator-authorize' });
		await page.getByRole('heading', { name: 'Your servers' }).waitFor();
		expect(await page.locator('.who').textContent()).toBe(`@${h.emulator.demo?.owner.username}`);
		await b.screenshot(page, '03-guild-picker');
		await page.getByRole('link', { name: 'Foyer Demo' }).click();
		await page.waitForURL(`${base}${overviewPath()}`);
		await page.getByRole('heading', { level: 1, name: 'Foyer Demo' }).waitFor();
		await b.screenshot(page, '04-overview');
	});

	it('turns greeter off with htmx in place (the row says Off, no navigation, CSRF in the header), so a join gets no greeting; on again, joins are greeted', async () => {
		// A document load, not htmx's same-URL history.replaceState (which fires framenavigated).
		const navigations: string[] = [];
		const onRequest = (r: Request) => {
			if (r.isNavigationRequest()) navigations.push(`${r.method()} ${r.url()}`);
		};
		page.on('request', onRequest);
		// The project has no DOM types: page scripts are passed as strings.
		await page.evaluate('window.stayedOnPage = true');
		const csrf = await greeterRow(page).locator('input[name="_csrf"]').inputValue();
		const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/plugins/greeter/enabled'));
		await greeterRow(page).getByRole('button', { name: 'Turn off Greeter' }).click();
		const request: Request = await posted;
		await greeterRow(page).getByRole('button', { name: 'Turn on Greeter' }).waitFor();
		expect(await text(greeterRow(page).locator('td').nth(1))).toMatch(/^Off\b/);
		expect(await request.headerValue('x-csrf-token')).toBe(csrf);
		expect(await request.headerValue('hx-request')).toBe('true');
		expect(navigations).toEqual([]);
		expect(await page.evaluate('window.stayedOnPage')).toBe(true);
		expect(h.foyer.plugins.isEnabledIn('greeter', h.guildId)).toBe(false);

		const quiet = await h.control.join(h.guildId, { user: { username: 'quiet_one' } });
		await waitUntil(() => h.foyer.client.guilds.cache.get(h.guildId)?.members.cache.has(quiet.user.id) ?? false);
		await new Promise((r) => setTimeout(r, 300));
		expect(botMessagesInGeneral().filter((c) => c.includes('quiet_one'))).toEqual([]);

		await greeterRow(page).getByRole('button', { name: 'Turn on Greeter' }).click();
		await greeterRow(page).getByRole('button', { name: 'Turn off Greeter' }).waitFor();
		expect(await text(greeterRow(page).locator('td').nth(1))).toMatch(/^On\b/);
		expect(navigations).toEqual([]);
		page.off('request', onRequest);
		expect(await joinAndWaitForBotMessage('loud_one')).toBe(greetingFor('loud_one'));
		// The join made while greeter was off was never greeted later either.
		expect(botMessagesInGeneral().filter((c) => c.includes('quiet_one'))).toEqual([]);
	});

	it('shows the error next to an over-long prefix and stores nothing, then saves a valid prefix; the audit log shows the change with before and after', async () => {
		await page.getByRole('link', { name: 'Settings' }).click();
		await page.waitForURL(`${base}/guilds/${h.guildId}/plugins/greeter/settings`);
		await page.getByLabel('Prefix').fill('x'.repeat(21));
		await page.getByRole('button', { name: 'Save' }).click();
		const error = page.locator('#f-prefix-error');
		await error.waitFor();
		expect(await error.textContent()).toBe('Prefix must be at most 20 characters');
		expect(await page.getByLabel('Prefix').getAttribute('aria-invalid')).toBe('true');
		expect((await page.getByLabel('Prefix').getAttribute('aria-describedby'))?.split(' ')).toContain('f-prefix-error');
		expect(await page.getByRole('alert').first().textContent()).toMatch(/Nothing was saved/);
		expect(h.foyer.plugins.settings('greeter', h.guildId)).toEqual({ prefix: '', role: null });
		await b.screenshot(page, '05-settings-with-errors');

		await page.getByLabel('Prefix').fill('>>');
		await page.getByRole('button', { name: 'Save' }).click();
		await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
		expect(await page.locator('#f-prefix-error').count()).toBe(0);
		expect(h.foyer.plugins.settings('greeter', h.guildId)).toEqual({ prefix: '>>', role: null });
		await b.screenshot(page, '06-settings-saved');

		await page.getByRole('link', { name: 'Audit log' }).click();
		await page.waitForURL(`${base}/guilds/${h.guildId}/audit`);
		// The action by its name (the page's language), its id on the cell.
		const row = page.locator('#audit-table tr', { hasText: 'Settings changed' });
		expect(await row.locator('[data-action="settings.update"]').count()).toBe(1);
		expect(await row.count()).toBe(1);
		const cells = row.locator('td');
		expect(await text(cells.nth(1))).toContain(`@${h.emulator.demo?.owner.username}`);
		expect(await text(cells.nth(2))).toContain('greeter');
		expect(JSON.parse((await cells.nth(3).textContent()) ?? '')).toEqual({ prefix: '' });
		expect(JSON.parse((await cells.nth(4).textContent()) ?? '')).toEqual({ prefix: '>>' });
		expect(await page.locator('#audit-table tr', { hasText: 'Plugin turned off' }).count()).toBe(1);
		await b.screenshot(page, '07-audit-log');
	});

	it('asks before unloading but reloads greeter from the plugin manager without a dialog, reports success, and greets joins made during and after the reload', async () => {
		const dialogs: string[] = [];
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
		await page.getByRole('link', { name: 'Plugin manager' }).click();
		await page.waitForURL(`${base}/admin/plugins`);
		const row = page.locator('#admin-plugins tr[data-plugin="greeter"]');
		// Unload asks first (hx-confirm); dismissing the dialog sends nothing.
		await row.getByRole('button', { name: 'unload Greeter' }).click();
		await waitUntil(() => dialogs.length === 1);
		expect(dialogs).toEqual(['Unload this plugin for every server?']);
		await new Promise((r) => setTimeout(r, 200));
		expect(h.foyer.plugins.isLoaded('greeter')).toBe(true);
		dialogs.length = 0;
		const answered = page.waitForResponse((r) => r.url().endsWith('/admin/plugins/reload'));
		await row.getByRole('button', { name: 'reload Greeter' }).click();
		const during = ['during_1', 'during_2', 'during_3'];
		await Promise.all(during.map((username) => h.control.join(h.guildId, { user: { username } })));
		expect((await answered).status()).toBe(200);
		await page.getByRole('status').filter({ hasText: 'Reloaded Greeter 1.0.0.' }).waitFor();
		expect(dialogs).toEqual([]);
		expect(await text(page.locator('#admin-plugins tr[data-plugin="greeter"]'))).toMatch(/, 1 reload\b/);
		await b.screenshot(page, '08-plugin-manager');

		expect(await joinAndWaitForBotMessage('after_reload')).toBe(greetingFor('after_reload'));
		await waitUntil(() => during.every((u) => botMessagesInGeneral().includes(greetingFor(u))));
		page.removeAllListeners('dialog');
	});

	it('simulates a join from the sandbox form and shows the bot greeting in the polled channel feed', async () => {
		await page.goto(`${base}${overviewPath()}`);
		await page.getByRole('link', { name: 'Sandbox' }).click();
		await page.waitForURL(`${base}/guilds/${h.guildId}/sandbox`);
		await page.getByLabel('Username').fill('sandbox_sam');
		await page.getByRole('button', { name: 'Join' }).click();
		await page
			.locator('#sandbox-result')
			.getByText(/^sandbox_sam joined through invite \w+\.$/)
			.waitFor();
		const greeting = greetingFor('sandbox_sam');
		// The feed polls every 2 s.
		await page.locator('#sandbox-feed li', { hasText: greeting }).waitFor({ timeout: 8000 });
		// Drawn as Discord does: the bot's name with its APP badge.
		expect(await text(page.locator('#sandbox-feed li', { hasText: greeting }).locator('.dc-header'))).toMatch(/ APP\b/);
		expect(pathOf(page)).toBe(`/guilds/${h.guildId}/sandbox`);
		await b.screenshot(page, '09-sandbox');
	});

	it('reaches the "Skip to content" link with the first Tab, and following it focuses the main content', async () => {
		await page.goto(`${base}${overviewPath()}`);
		await page.keyboard.press('Tab');
		const focused = page.locator(':focus');
		expect(await text(focused)).toBe('Skip to content');
		expect(await focused.getAttribute('href')).toBe('#main');
		// Hidden off-screen until focused, then shown on screen.
		expect((await focused.boundingBox())?.x).toBeGreaterThanOrEqual(0);
		await page.keyboard.press('Enter');
		expect(await page.locator(':focus').getAttribute('id')).toBe('main');
	});

	it('toggles a plugin with JavaScript disabled through the plain form POST and its 303 redirect', async () => {
		const noJs = await b.newContext({ javaScriptEnabled: false });
		try {
			const p = await noJs.newPage();
			await logInAsOwner(p, { login: '11-login-no-js', authorize: '12-emulator-authorize-no-js' });
			await p.goto(`${base}${overviewPath()}`);
			const posts: Request[] = [];
			p.on('request', (r) => {
				if (r.method() === 'POST') posts.push(r);
			});
			for (const [button, state] of [
				['Turn off Greeter', 'Off'],
				['Turn on Greeter', 'On'],
			] as const) {
				const redirected = p.waitForResponse((r) => r.request().method() === 'POST');
				await greeterRow(p).getByRole('button', { name: button }).click();
				const response = await redirected;
				expect(response.status()).toBe(303);
				expect(await response.headerValue('location')).toBe(overviewPath());
				await p.waitForLoadState();
				expect(pathOf(p)).toBe(overviewPath());
				expect(await text(greeterRow(p).locator('td').nth(1))).toMatch(new RegExp(`^${state}\\b`));
				expect(h.foyer.plugins.isEnabledIn('greeter', h.guildId)).toBe(state === 'On');
			}
			expect(posts).toHaveLength(2);
			for (const post of posts) {
				expect(await post.headerValue('hx-request')).toBeNull();
				expect(post.postData()).toMatch(/(^|&)_csrf=[^&]+/);
			}
			await b.screenshot(p, '13-overview-no-js');

			// Settings too: the plain post saves, answers 303 back to the form, and the form says so.
			await p.goto(`${base}/guilds/${h.guildId}/plugins/greeter/settings`);
			await p.getByLabel('Prefix').fill('~');
			const saved = p.waitForResponse((r) => r.request().method() === 'POST');
			await p.getByRole('button', { name: 'Save' }).click();
			expect((await saved).status()).toBe(303);
			await p.waitForURL(`${base}/guilds/${h.guildId}/plugins/greeter/settings?saved=greeter`);
			await p.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
			expect(h.foyer.plugins.settings('greeter', h.guildId)).toMatchObject({ prefix: '~' });
		} finally {
			await noJs.close();
		}
	});

	it('renders the overview with the dark palette when the system prefers a dark color scheme', async () => {
		await page.emulateMedia({ colorScheme: 'dark' });
		try {
			await page.goto(`${base}${overviewPath()}`);
			const colors = await page.evaluate(
				'(() => { const s = getComputedStyle(document.body); return { bg: s.backgroundColor, fg: s.color }; })()',
			);
			expect(colors).toEqual({ bg: 'rgb(23, 25, 29)', fg: 'rgb(232, 234, 238)' });
			await b.screenshot(page, '10-overview-dark');
		} finally {
			await page.emulateMedia({ colorScheme: 'light' });
		}
	});

	it('fits a 390 px phone screen: no sideways scrolling on the overview, a settings form and the sandbox; the navigation stays reachable', async () => {
		await page.setViewportSize({ width: 390, height: 844 });
		try {
			for (const [path, shot] of [
				[overviewPath(), 'mobile-01-overview'],
				[`/guilds/${h.guildId}/plugins/greeter/settings`, 'mobile-02-settings'],
				[`/guilds/${h.guildId}/sandbox`, 'mobile-03-sandbox'],
				[`/guilds/${h.guildId}/audit`, 'mobile-04-audit'],
			] as const) {
				await page.goto(`${base}${path}`);
				const widths = (await page.evaluate(
					'({ page: document.documentElement.scrollWidth, screen: window.innerWidth })',
				)) as { page: number; screen: number };
				expect(widths.page, path).toBeLessThanOrEqual(widths.screen);
				await b.screenshot(page, shot);
			}
			const sandboxLink = page.getByRole('navigation', { name: 'Server pages' }).getByRole('link', { name: 'Sandbox' });
			const box = await sandboxLink.boundingBox();
			expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
			// Big enough to tap.
			expect(box?.height).toBeGreaterThanOrEqual(24);
		} finally {
			await page.setViewportSize({ width: 1280, height: 800 });
		}
	});

	it('raised no uncaught script error on any page, and asked the dashboard for nothing it does not have (favicon included)', () => {
		expect(pageErrors).toEqual([]);
		expect(notFound).toEqual([]);
	});
});
