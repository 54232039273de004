import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardClient } from '../../src/testing/dashboard-client.ts';
import { startFoyerWithEmulator } from '../../src/testing/foyer-harness.ts';
import { waitUntil } from '../helpers/wait.ts';

type Harness = Awaited<ReturnType<typeof startFoyerWithEmulator>>;

const XSS_SCRIPT = '<script>alert(1)</script>';
const XSS_ATTR = '"><img src=x onerror=alert(1)>';

describe('dashboard access control, CSRF and escaping', () => {
	let h: Harness;
	let url: string;
	let owner: DashboardClient;
	let admin: DashboardClient;
	let member: DashboardClient;
	let otherGuildId: string;
	const ids = () => {
		const demo = h.emulator.demo;
		if (!demo) throw new Error('no demo guild');
		return { owner: demo.owner.id, admin: demo.admin.id, member: demo.member.id };
	};

	beforeAll(async () => {
		h = await startFoyerWithEmulator(['greeter']);
		url = h.foyer.httpUrl;
		owner = await DashboardClient.login(url, ids().owner);
		admin = await DashboardClient.login(url, ids().admin);
		member = await DashboardClient.login(url, ids().member);
		// Guild B: the demo admin is a plain member there, Foyer is present.
		const other = await h.control.createGuild({ name: 'Other Server', owner: { username: 'other-owner' } });
		otherGuildId = String(other.id);
		await h.control.join(otherGuildId, { user_id: ids().admin });
		await waitUntil(() => h.foyer.client.guilds.cache.has(otherGuildId));
	});
	afterAll(async () => {
		await h?.stop();
	});

	it('sends an unauthenticated page request to the login, and refuses an unauthenticated post', async () => {
		const anonymous = new DashboardClient(url);
		const page = await anonymous.request('GET', `/guilds/${h.guildId}`);
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/guilds/${h.guildId}`)}`);
		const post = await anonymous.form(
			`/guilds/${h.guildId}/plugins/greeter/enabled`,
			{ enabled: 'off' },
			{ csrf: null },
		);
		expect(post.status).toBe(401);
		expect(h.foyer.plugins.isEnabledIn('greeter', h.guildId)).toBe(true);
		const htmx = await anonymous.request('GET', `/guilds/${h.guildId}`, undefined, { 'hx-request': 'true' });
		expect(htmx.status).toBe(401);
		expect(htmx.headers.get('hx-redirect')).toMatch(/^\/login/);
	});

	it('answers 403 to a logged-in member without Manage Server, for reads and writes', async () => {
		expect((await member.page(`/guilds/${h.guildId}`)).status).toBe(403);
		const csrf = admin.csrf;
		const post = await member.form(
			`/guilds/${h.guildId}/plugins/greeter/enabled`,
			{ enabled: 'off' },
			{ csrf: member.csrf || csrf },
		);
		expect(post.status).toBe(403);
		expect(h.foyer.plugins.isEnabledIn('greeter', h.guildId)).toBe(true);
		expect((await member.page(`/greeter/${h.guildId}`)).status).toBe(403);
	});

	it('lets the admin of guild A neither read nor change guild B', async () => {
		expect((await admin.page(`/guilds/${h.guildId}`)).status).toBe(200);
		expect((await admin.page(`/guilds/${otherGuildId}`)).status).toBe(403);
		expect((await admin.page(`/guilds/${otherGuildId}/audit`)).status).toBe(403);
		expect((await admin.page(`/greeter/${otherGuildId}`)).status).toBe(403);
		const post = await admin.form(`/guilds/${otherGuildId}/plugins/greeter/enabled`, { enabled: 'off' });
		expect(post.status).toBe(403);
		const settings = await admin.form(`/guilds/${otherGuildId}/plugins/greeter/settings`, { prefix: 'pwned' });
		expect(settings.status).toBe(403);
		expect(h.foyer.plugins.isEnabledIn('greeter', otherGuildId)).toBe(true);
		expect(h.foyer.plugins.settings('greeter', otherGuildId)).toEqual({ prefix: '', role: null });
	});

	it('refuses a state change with a missing or wrong CSRF token and changes nothing', async () => {
		await admin.page(`/guilds/${h.guildId}`);
		const missing = await admin.form(
			`/guilds/${h.guildId}/plugins/greeter/enabled`,
			{ enabled: 'off' },
			{ csrf: null },
		);
		expect(missing.status).toBe(403);
		const wrong = await admin.form(
			`/guilds/${h.guildId}/plugins/greeter/enabled`,
			{ enabled: 'off' },
			{ csrf: 'x'.repeat(43) },
		);
		expect(wrong.status).toBe(403);
		const otherUsers = await admin.form(
			`/guilds/${h.guildId}/plugins/greeter/enabled`,
			{ enabled: 'off' },
			{ csrf: owner.csrf },
		);
		expect(otherUsers.status).toBe(403);
		expect(await missing.text()).toMatch(/security token/);
		expect(h.foyer.plugins.isEnabledIn('greeter', h.guildId)).toBe(true);
		const header = await admin.request('POST', `/guilds/${h.guildId}/plugins/greeter/enabled`, 'enabled=on', {
			'content-type': 'application/x-www-form-urlencoded',
			'x-csrf-token': admin.csrf,
			'hx-request': 'true',
		});
		expect(header.status).toBe(200);
	});

	it('renders guild, channel, role and member names containing markup as inert text', async () => {
		const evil = await h.control.createGuild({
			name: XSS_SCRIPT,
			owner_id: ids().owner,
			channels: ['general', XSS_SCRIPT],
			roles: [{ name: XSS_ATTR }],
		});
		const evilId = String(evil.id);
		await h.control.join(evilId, { user: { username: 'evil', global_name: XSS_ATTR } });
		await waitUntil(() => h.foyer.client.guilds.cache.has(evilId));
		for (const path of [
			`/guilds/${evilId}`,
			`/guilds/${evilId}/plugins/greeter/settings`,
			`/guilds/${evilId}/sandbox`,
			'/',
		]) {
			const html = await (await owner.page(path)).text();
			expect(html, path).not.toContain('<script>alert');
			expect(html, path).not.toContain('<img src=x');
		}
		const overview = await (await owner.page(`/guilds/${evilId}`)).text();
		expect(overview).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		const sandbox = await (await owner.page(`/guilds/${evilId}/sandbox`)).text();
		expect(sandbox).toContain('#&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(sandbox).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt; (@evil)');
		const settings = await (await owner.page(`/guilds/${evilId}/plugins/greeter/settings`)).text();
		expect(settings).toContain('@&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
	});

	it('answers oversized and malformed bodies with a 4xx and a message, storing nothing', async () => {
		await admin.page(`/guilds/${h.guildId}`);
		const path = `/guilds/${h.guildId}/plugins/greeter/settings`;
		const big = await admin.form(path, { prefix: 'a'.repeat(70 * 1024) });
		expect(big.status).toBe(413);
		expect(await big.text()).toMatch(/larger than/);
		const json = await admin.request('POST', path, '{"prefix":', {
			'content-type': 'application/json',
			'x-csrf-token': admin.csrf,
		});
		expect(json.status).toBe(400);
		const xml = await admin.request('POST', path, '<prefix/>', {
			'content-type': 'text/xml',
			'x-csrf-token': admin.csrf,
		});
		expect(xml.status).toBe(415);
		const tooLong = await admin.form(path, { prefix: 'x'.repeat(21) });
		expect(tooLong.status).toBe(422);
		expect(await tooLong.text()).toMatch(/Prefix must be at most 20 characters/);
		const unknown = await admin.form(path, { prefix: 'ok', colour: 'red' });
		expect(unknown.status).toBe(422);
		expect(h.foyer.plugins.settings('greeter', h.guildId)).toEqual({ prefix: '', role: null });
	});

	it('logs out a tampered session cookie', async () => {
		const tampered = new DashboardClient(url);
		const real = admin.cookies.get('foyer_session') as string;
		tampered.cookies.set('foyer_session', `${real.slice(0, -2)}xx`);
		const res = await tampered.request('GET', `/guilds/${h.guildId}`);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toMatch(/^\/login/);
		expect(res.headers.getSetCookie().join()).toMatch(/foyer_session=; .*Max-Age=0/);
	});

	it('sets the session cookie HttpOnly and SameSite=Lax, and logout revokes the session on the server', async () => {
		const client = new DashboardClient(url);
		const start = await client.request('GET', '/login/discord');
		expect(start.headers.getSetCookie()[0]).toMatch(/HttpOnly; SameSite=Lax/);
		const once = await DashboardClient.login(url, ids().admin);
		const stolen = once.cookies.get('foyer_session') as string;
		expect((await once.form('/logout', {})).status).toBe(303);
		const replay = new DashboardClient(url);
		replay.cookies.set('foyer_session', stolen);
		expect((await replay.request('GET', '/')).status).toBe(303);
	});

	it('keeps the plugin manager to bot owners', async () => {
		expect((await admin.page('/admin/plugins')).status).toBe(403);
		const reload = await admin.form('/admin/plugins/reload', { plugin: 'greeter' });
		expect(reload.status).toBe(403);
		expect((await owner.page('/admin/plugins')).status).toBe(200);
		const path = await owner.form('/admin/plugins/load', { plugin: '/etc' });
		expect(path.status).toBe(400);
	});

	it('refuses a login callback whose state was not started in this browser', async () => {
		const res = await new DashboardClient(url).request('GET', '/oauth/callback?code=abc&state=forged');
		expect(res.status).toBe(400);
		expect(await res.text()).toMatch(/expired or was not started here/);
	});

	it('serves a plugin page at /<plugin>/<guild> to a manager of that guild, inside the layout', async () => {
		const page = await owner.page(`/greeter/${h.guildId}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('<h1>Greeter panel</h1>');
		expect(html).toMatch(/<a href="\/greeter\/\d+" aria-current="page">Greeter<\/a>/);
	});

	it('serves public plugin routes without a login, and htmx from node_modules', async () => {
		expect((await fetch(`${url}/greeter/hello`)).status).toBe(200);
		const htmx = await fetch(`${url}/assets/htmx.min.js`);
		expect(htmx.status).toBe(200);
		expect(htmx.headers.get('content-type')).toMatch(/javascript/);
		expect((await fetch(`${url}/assets/..%2Fpackage.json`)).status).toBe(404);
	});

	it('reloads and unloads a plugin with nested per-guild routes: they answer after a reload and 404 after an unload', async () => {
		expect(await (await owner.page(`/greeter/${h.guildId}/stats/recent`)).text()).toBe('recent');
		const reload = await owner.form('/admin/plugins/reload', { plugin: 'greeter' });
		expect(reload.status).toBe(303);
		expect(h.foyer.plugins.list().find((p) => p.id === 'greeter')?.reloads).toBe(1);
		expect(await (await owner.page(`/greeter/${h.guildId}/stats/recent`)).text()).toBe('recent');
		expect((await owner.page(`/greeter/${h.guildId}`)).status).toBe(200);
		await owner.page('/admin/plugins');
		expect((await owner.form('/admin/plugins/unload', { plugin: 'greeter' })).status).toBe(303);
		expect((await owner.page(`/greeter/${h.guildId}/stats/recent`)).status).toBe(404);
		expect((await owner.page(`/greeter/${h.guildId}`)).status).toBe(404);
		expect((await owner.page(`/guilds/${h.guildId}`)).status).toBe(200);
	});
});
