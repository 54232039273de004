import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../src/dashboard/access/login-throttle.ts';
import { DashboardClient } from '../../src/testing/dashboard-client.ts';
import { startFoyerWithEmulator } from '../../src/testing/foyer-harness.ts';

describe('login throttle', () => {
	it('lets an address make max attempts per window, refuses the next with the wait, and frees it as time passes', () => {
		let now = 0;
		const throttle = new LoginThrottle(3, 60_000, () => now);
		for (let i = 0; i < 3; i++) {
			now += 1000;
			expect(throttle.take('1.2.3.4')).toEqual({ ok: true });
		}
		expect(throttle.take('1.2.3.4')).toEqual({ ok: false, retryAfterS: 58 });
		// Another address has its own budget.
		expect(throttle.take('5.6.7.8')).toEqual({ ok: true });
		now = 61_001;
		expect(throttle.take('1.2.3.4')).toEqual({ ok: true });
	});
});

describe('favicon, saving settings without JavaScript, and too many logins', () => {
	let h: Awaited<ReturnType<typeof startFoyerWithEmulator>>;
	let owner: DashboardClient;
	const ownerId = () => h.emulator.demo?.owner.id as string;

	beforeAll(async () => {
		h = await startFoyerWithEmulator(['greeter']);
		owner = await DashboardClient.login(h.foyer.httpUrl, ownerId());
	});
	afterAll(async () => {
		await h?.stop();
	});

	it('serves the icon at /favicon.ico and /assets/favicon.svg, and the layout links it', async () => {
		for (const path of ['/favicon.ico', '/assets/favicon.svg']) {
			const res = await fetch(`${h.foyer.httpUrl}${path}`);
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe('image/svg+xml');
			expect(await res.text()).toMatch(/^<svg /);
		}
		expect(await (await owner.page('/')).text()).toContain('<link rel="icon" href="/assets/favicon.svg"');
	});

	it('sends a plain settings post that saved back to its page with 303, where it says Saved.; errors stay on the page with 422', async () => {
		const path = `/guilds/${h.guildId}/plugins/greeter/settings`;
		const form = await (await owner.page(path)).text();
		expect(form).toContain(`<input type="hidden" name="_back" value="${path}">`);
		const saved = await owner.form(path, { prefix: '!', _back: path });
		expect(saved.status).toBe(303);
		expect(saved.headers.get('location')).toBe(`${path}?saved=greeter`);
		expect(h.foyer.plugins.settings('greeter', h.guildId)).toMatchObject({ prefix: '!' });
		const after = await (await owner.page(`${path}?saved=greeter`)).text();
		expect(after).toContain('<p class="flash ok" role="status">Saved.</p>');
		expect(await (await owner.page(path)).text()).not.toContain('Saved.');
		// Only a path on this site: anything else returns to the form itself.
		const elsewhere = await owner.form(path, { prefix: '?', _back: 'https://evil.example/x' });
		expect(elsewhere.headers.get('location')).toBe(`${path}?saved=greeter`);
		const refused = await owner.form(path, { prefix: 'x'.repeat(30), _back: path });
		expect(refused.status).toBe(422);
		expect(await refused.text()).toContain('Prefix must be at most 20 characters');
		// htmx still gets the form fragment in place.
		const htmx = await owner.request('POST', path, new URLSearchParams({ _csrf: owner.csrf, prefix: '>' }).toString(), {
			'content-type': 'application/x-www-form-urlencoded',
			'hx-request': 'true',
		});
		expect(htmx.status).toBe(200);
		expect(await htmx.text()).toMatch(/^<form class="stack settings-form"[\s\S]*Saved\./);
	});

	it('refuses the login with 429, Retry-After and a page saying how long to wait once an address made too many attempts', async () => {
		let refused: Response | null = null;
		for (let i = 0; i < 25 && !refused; i++) {
			const res = await new DashboardClient(h.foyer.httpUrl).request('GET', '/login/discord');
			if (res.status === 429) refused = res;
			else expect(res.status).toBe(303);
		}
		expect(refused?.status).toBe(429);
		expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await refused?.text()).toMatch(/Too many login attempts from your address\. Try again in \d+ min\./);
		// The callback counts too: no code exchange for this address until the wait is over.
		const callback = await new DashboardClient(h.foyer.httpUrl).request('GET', '/oauth/callback?code=x&state=y');
		expect(callback.status).toBe(429);
		// Pages of a session opened before stay reachable.
		expect((await owner.page(`/guilds/${h.guildId}`)).status).toBe(200);
	});
});
