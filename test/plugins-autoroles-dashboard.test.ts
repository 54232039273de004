import { container } from '@sapphire/framework';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Database } from '../src/core/database/database.ts';
import { runningDashboard } from '../src/dashboard/container.ts';
import { type Backend, describeOnBackends } from '../src/testing/backends.ts';
import { DashboardClient } from '../src/testing/dashboard-client.ts';
import { startFoyerWithEmulator } from '../src/testing/foyer-harness.ts';
import { waitUntil } from './helpers/wait.ts';

interface LoggedRequest {
	method: string;
	path: string;
	status: number;
}

/** Eta escapes `'` too: reasons such as "Foyer's highest role" reach the HTML as this. */
const FOYERS = 'Foyer&#39;s';

describeOnBackends('auto roles dashboard page', (backend: Backend) => {
	let db: Database;
	let h: Awaited<ReturnType<typeof startFoyerWithEmulator>>;
	let admin: DashboardClient;
	let member: DashboardClient;
	let roles: Record<string, string>;
	let page: string;

	const role = (name: string) => roles[name] as string;
	const addRule = (fields: Record<string, string>, options: { htmx?: boolean } = {}) =>
		admin.form(`${page}/rules`, { role: '', delay: '0', unit: 'minutes', target: 'humans', ...fields }, options);
	const stored = async () =>
		(
			(await db
				.em()
				.getConnection()
				.execute('select role_id from autoroles_rules where guild_id = ? order by position', [h.guildId])) as {
				role_id: string;
			}[]
		).map((r) => String(r.role_id));
	/** The role ids of the table's rows, in the order shown. */
	const rowsOf = (html: string) => [...html.matchAll(/<tr data-role-id="(\d+)">/g)].map((m) => m[1]);
	const pageHtml = async () => {
		const response = await admin.page(page);
		expect(response.status).toBe(200);
		return response.text();
	};
	/** A role created in the emulator, once Foyer's cache has it (the form checks against that cache). */
	const createRole = async (name: string, position?: number): Promise<string> => {
		const { id } = await h.control.call('POST', `/guilds/${h.guildId}/roles`, {
			name,
			...(position ? { position } : {}),
		});
		await waitUntil(() => h.foyer.client.guilds.cache.get(h.guildId)?.roles.cache.has(id) ?? false);
		return id;
	};
	const joinUser = async (username: string): Promise<string> =>
		(await h.control.join(h.guildId, { user: { username } })).user.id;
	const rolesOf = (userId: string) => h.emulator.world.member(h.guildId, userId).roles;
	const lastRequestId = async () => (await h.control.requests()).last_id as number;
	const memberCalls = async (userId: string, since: number) =>
		((await h.control.requests({ since })).requests as LoggedRequest[])
			.filter((r) => r.path.includes(`/members/${userId}`) && r.method !== 'GET')
			.map((r) => `${r.method} ${r.status}`);
	const auditActions = async () =>
		(await runningDashboard().audit.list({ guildId: h.guildId, plugin: 'autoroles' })).map((e) => e.action).reverse();

	beforeAll(async () => {
		const backendOptions = await backend.harnessOptions();
		db = backendOptions.db;
		h = await startFoyerWithEmulator(['autoroles'], { from: 'plugins', ...backendOptions });
		const demo = h.emulator.demo;
		if (!demo) throw new Error('no demo guild');
		roles = demo.roles;
		page = `/autoroles/${h.guildId}`;
		admin = await DashboardClient.login(h.foyer.httpUrl, demo.admin.id);
		member = await DashboardClient.login(h.foyer.httpUrl, demo.member.id);
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});
	beforeEach(async () => {
		// A reload writes the counts the last test left gathering and drops the plugin's in-memory copy
		// of the rules; the rows then go behind its back, before anything reads them again.
		await h.foyer.plugins.reload('autoroles');
		const connection = db.em().getConnection();
		await connection.execute('delete from autoroles_rules');
		await container.counters.reset('autoroles', h.guildId);
		await admin.page(page);
	});

	it('lists the rules added through the form in order, with target and delay in words, and audits each', async () => {
		const auditedBefore = (await auditActions()).length;
		const html = await pageHtml();
		expect(html).toContain(`<a href="${page}" aria-current="page">Auto roles</a>`);
		expect(html).toContain('No auto roles yet');
		expect(html).toContain(`name="_csrf" value="${admin.csrf}"`);

		// With htmx: the rules section alone, its own target.
		const first = await addRule({ role: role('Member') }, { htmx: true });
		expect(first.status).toBe(200);
		const fragment = await first.text();
		expect(fragment).toMatch(/^<section id="autoroles-rules"[^>]* hx-target:inherited="this"/);
		expect(fragment).not.toContain('<html');
		expect(fragment).toContain('Added Member: given to every new member at once.');
		expect(rowsOf(fragment)).toEqual([role('Member')]);

		// Without JavaScript: a 303 back to the page.
		const second = await addRule({ role: role('VIP'), delay: '1.5', unit: 'hours', target: 'bots' });
		expect(second.status).toBe(303);
		expect(second.headers.get('location')).toBe(page);

		const after = await pageHtml();
		expect(rowsOf(after)).toEqual([role('Member'), role('VIP')]);
		expect(after).toMatch(/<strong>VIP<\/strong><\/td>\s*<td>bots<\/td>\s*<td>after 1 h 30 min<\/td>/);
		expect(after).toMatch(/<strong>Member<\/strong><\/td>\s*<td>humans<\/td>\s*<td>at once<\/td>/);
		// A configured role cannot be picked again.
		expect(after).toMatch(new RegExp(`<option value="${role('VIP')}" disabled>VIP \\(cannot be chosen`));
		expect(await stored()).toEqual([role('Member'), role('VIP')]);
		expect((await auditActions()).slice(auditedBefore)).toEqual(['autoroles.add', 'autoroles.add']);
		const [entry] = await runningDashboard().audit.list({ guildId: h.guildId, action: 'autoroles.add', limit: 1 });
		expect(entry?.after).toEqual({ roleId: role('VIP'), roleName: 'VIP', target: 'bots', delaySeconds: 5400 });
		expect(entry?.username).toBe('demo-admin');
	});

	it("refuses a role above Foyer's highest role with the reason next to the field, and stores nothing", async () => {
		const above = await createRole('ar-dash-above', 100);
		const audited = (await auditActions()).length;
		const reason = `Role ar-dash-above is above ${FOYERS} highest role Foyer; move ${FOYERS} role above it in Server Settings &gt; Roles.`;
		const html = await pageHtml();
		expect(html).toMatch(new RegExp(`<option value="${above}" disabled>ar-dash-above \\(cannot be chosen`));
		expect(html).toContain(`<strong>ar-dash-above</strong>: ${reason}`);

		const htmx = await addRule({ role: above, delay: '5' }, { htmx: true });
		expect(htmx.status).toBe(422);
		const fragment = await htmx.text();
		expect(fragment).toContain(`<p id="ar-role-error" class="error">${reason}</p>`);
		expect(fragment).toContain('aria-invalid="true"');
		expect(fragment).toContain('value="5"'); // what was typed stays
		const plain = await addRule({ role: above });
		expect(plain.status).toBe(422);
		const refusedPage = await plain.text();
		expect(refusedPage).toContain('<!doctype html>');
		expect(refusedPage).toContain(`<p id="ar-role-error" class="error">${reason}</p>`);
		// With a bad delay as well, both fields say what is wrong.
		const both = await (await addRule({ role: above, delay: 'abc' }, { htmx: true })).text();
		expect(both).toContain(`<p id="ar-role-error" class="error">${reason}</p>`);
		expect(both).toContain('<p id="ar-delay-error" class="error">The delay must be a number.');
		expect(await stored()).toEqual([]);
		expect(await auditActions()).toHaveLength(audited);
	});

	it('refuses a delay of 8 days, -1 or text, and a missing unit, storing nothing', async () => {
		const cases: [Record<string, string>, RegExp][] = [
			[{ delay: '8', unit: 'days' }, /longer than 7 days/],
			[{ delay: '-1', unit: 'minutes' }, /cannot be negative/],
			[{ delay: 'abc', unit: 'minutes' }, /must be a number/],
			[{ delay: '5', unit: 'weeks' }, /Choose minutes, hours or days/],
		];
		for (const [fields, message] of cases) {
			const response = await addRule({ role: role('Member'), ...fields }, { htmx: true });
			expect(response.status, JSON.stringify(fields)).toBe(422);
			const error = (await response.text()).match(/<p id="ar-delay-error" class="error">([^<]*)<\/p>/)?.[1];
			expect(error, JSON.stringify(fields)).toMatch(message);
		}
		expect(await stored()).toEqual([]);
		// The edge is allowed: exactly 7 days.
		expect((await addRule({ role: role('Member'), delay: '7', unit: 'days' })).status).toBe(303);
		expect(await stored()).toEqual([role('Member')]);
	});

	it('moves and removes rules, and the next join gets the roles in the new order', async () => {
		await addRule({ role: role('Member') });
		await addRule({ role: role('VIP') });
		await addRule({ role: role('Verified') });
		const moved = await admin.form(`${page}/rules/move`, { role: role('VIP'), direction: 'up' }, { htmx: true });
		expect(moved.status).toBe(200);
		expect(rowsOf(await moved.text())).toEqual([role('VIP'), role('Member'), role('Verified')]);
		const down = await admin.form(`${page}/rules/move`, { role: role('Member'), direction: 'down' });
		expect(down.status).toBe(303);
		expect(await stored()).toEqual([role('VIP'), role('Verified'), role('Member')]);
		const edge = await admin.form(`${page}/rules/move`, { role: role('VIP'), direction: 'up' }, { htmx: true });
		expect(edge.status).toBe(422);
		expect(await edge.text()).toContain('That rule is already first.');

		let since = await lastRequestId();
		const first = await joinUser('ar-dash-order');
		await waitUntil(() => rolesOf(first).length === 3);
		expect(rolesOf(first)).toEqual([role('VIP'), role('Verified'), role('Member')]);
		expect(await memberCalls(first, since)).toEqual(['PATCH 200']);

		const removed = await admin.form(`${page}/rules/remove`, { role: role('Verified') }, { htmx: true });
		expect(removed.status).toBe(200);
		expect(rowsOf(await removed.text())).toEqual([role('VIP'), role('Member')]);
		const plain = await admin.form(`${page}/rules/remove`, { role: role('VIP') });
		expect(plain.status).toBe(303);
		const again = await admin.form(`${page}/rules/remove`, { role: role('VIP') }, { htmx: true });
		expect(again.status).toBe(422);
		expect(await again.text()).toContain('not an auto role');
		expect(rowsOf(await pageHtml())).toEqual([role('Member')]);

		since = await lastRequestId();
		const second = await joinUser('ar-dash-after-remove');
		await waitUntil(() => rolesOf(second).length === 1);
		expect(rolesOf(second)).toEqual([role('Member')]);
		expect(await memberCalls(second, since)).toEqual(['PUT 204']);
		expect((await auditActions()).slice(-4)).toEqual([
			'autoroles.move',
			'autoroles.move',
			'autoroles.remove',
			'autoroles.remove',
		]);
	});

	it('answers 403 to a member without Manage Server, on the page and on every post, changing nothing', async () => {
		await addRule({ role: role('Member') });
		expect(member.csrf).not.toBe('');
		expect((await member.page(page)).status).toBe(403);
		const posts = [
			member.form(`${page}/rules`, { role: role('VIP'), delay: '0', unit: 'minutes', target: 'humans' }),
			member.form(`${page}/rules/remove`, { role: role('Member') }, { htmx: true }),
			member.form(`${page}/rules/move`, { role: role('Member'), direction: 'down' }),
		];
		for (const response of await Promise.all(posts)) expect(response.status).toBe(403);
		expect(await stored()).toEqual([role('Member')]);
	});

	it('shows the counters and the last error after a role moved above Foyer once its rule was added', async () => {
		const moved = await createRole('ar-dash-moved');
		await addRule({ role: role('Member') });
		await addRule({ role: moved });
		await h.control.call('PATCH', `/guilds/${h.guildId}/roles/${moved}`, { position: 100 });
		await waitUntil(async () => (await pageHtml()).includes('Not given: Role ar-dash-moved is above'));
		const user = await joinUser('ar-dash-fail');
		await waitUntil(() => rolesOf(user).length === 1);
		await waitUntil(async () => (await pageHtml()).includes('<dt>Roles not given</dt><dd>1</dd>'));
		const html = await pageHtml();
		expect(html).toContain('<dt>Roles given</dt><dd>1</dd>');
		expect(html).toMatch(
			new RegExp(
				`<p class="flash error" role="alert">Last time a role could not be given \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\): Role ar-dash-moved is above ${FOYERS} highest role Foyer`,
			),
		);
	});

	it('renders a role name containing markup as inert text, in the select, the table and the messages', async () => {
		const evil = await createRole('<script>alert(1)</script>');
		const added = await addRule({ role: evil }, { htmx: true });
		expect(added.status).toBe(200);
		const fragment = await added.text();
		expect(fragment).toContain('Added &lt;script&gt;alert(1)&lt;/script&gt;');
		const html = await pageHtml();
		expect(html).not.toContain('<script>alert');
		expect(html).toContain('<strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>');
		expect(html).toContain('aria-label="Remove &lt;script&gt;alert(1)&lt;/script&gt;"');
		expect(html).toMatch(new RegExp(`<option value="${evil}" disabled>&lt;script&gt;alert\\(1\\)&lt;/script&gt;`));
	});
});
