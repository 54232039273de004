import { type DashboardClient, describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import plugin from '../plugin.ts';

/** Eta escapes `'` too: reasons such as "Foyer's highest role" reach the HTML as this. */
const FOYERS = 'Foyer&#39;s';

/** The suite, as a function of the harness options so that it can run on each backend. */
describeOnBackends('auto roles dashboard page', (backend) => {
	let h: TestFoyer;
	let admin: DashboardClient;
	let member: DashboardClient;
	let page: string;

	const addRule = (fields: Record<string, string>, options: { htmx?: boolean } = {}) =>
		admin.form(`${page}/rules`, { role: '', delay: '0', unit: 'minutes', target: 'humans', ...fields }, options);
	/** The role ids of the table's rows, in the order shown. */
	const rowsOf = (html: string) => [...html.matchAll(/<tr data-role-id="(\d+)">/g)].map((m) => m[1]);
	const pageHtml = async () => {
		const response = await admin.page(page);
		expect(response.status).toBe(200);
		return response.text();
	};
	/**
	 * The rules as stored: a reload drops the plugin's in-memory copy, so the page that follows
	 * shows what it reads back from the database.
	 */
	const stored = async () => {
		await h.reload(plugin.id);
		return rowsOf(await pageHtml());
	};
	const rolesOf = async (userId: string) => (await h.rolesOf(userId)) ?? [];
	const memberCalls = async (userId: string, since: number) =>
		(await h.requests(since))
			.filter((r) => r.path.includes(`/members/${userId}`) && r.method !== 'GET')
			.map((r) => `${r.method} ${r.status}`);
	/** The plugin's audit entries, oldest first. */
	const auditActions = async () => (await admin.audit(h.guildId, { plugin: plugin.id })).map((e) => e.action).reverse();

	beforeAll(async () => {
		h = await startTestFoyer({ plugins: [new URL('..', import.meta.url)], backend });
		page = `/${plugin.id}/${h.guildId}`;
		admin = await h.dashboard(h.demo.adminId);
		member = await h.dashboard(h.demo.memberId);
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});
	beforeEach(async () => {
		// Every test starts without rules, removed through the page.
		for (const roleId of rowsOf(await pageHtml()))
			expect((await admin.form(`${page}/rules/remove`, { role: roleId as string })).status).toBe(303);
		expect(rowsOf(await pageHtml())).toEqual([]);
	});

	it('lists the rules added through the form in order, with target and delay in words, and audits each', async () => {
		const auditedBefore = (await auditActions()).length;
		const html = await pageHtml();
		expect(html).toContain(`<a href="${page}" aria-current="page">Auto roles</a>`);
		expect(html).toContain('No auto roles yet');
		expect(html).toContain(`name="_csrf" value="${admin.csrf}"`);

		// With htmx: the rules section alone, its own target.
		const first = await addRule({ role: h.role('Member') }, { htmx: true });
		expect(first.status).toBe(200);
		const fragment = await first.text();
		expect(fragment).toMatch(/^<section id="autoroles-rules"[^>]* hx-target:inherited="this"/);
		expect(fragment).not.toContain('<html');
		expect(fragment).toContain('Added Member: given to every new member at once.');
		expect(rowsOf(fragment)).toEqual([h.role('Member')]);

		// Without JavaScript: a 303 back to the page.
		const second = await addRule({ role: h.role('VIP'), delay: '1.5', unit: 'hours', target: 'bots' });
		expect(second.status).toBe(303);
		expect(second.headers.get('location')).toBe(page);

		const after = await pageHtml();
		expect(rowsOf(after)).toEqual([h.role('Member'), h.role('VIP')]);
		expect(after).toMatch(/<strong>VIP<\/strong><\/td>\s*<td>bots<\/td>\s*<td>after 1 h 30 min<\/td>/);
		expect(after).toMatch(/<strong>Member<\/strong><\/td>\s*<td>humans<\/td>\s*<td>at once<\/td>/);
		// A configured role cannot be picked again.
		expect(after).toMatch(new RegExp(`<option value="${h.role('VIP')}" disabled>VIP \\(cannot be chosen`));
		expect(await stored()).toEqual([h.role('Member'), h.role('VIP')]);
		expect((await auditActions()).slice(auditedBefore)).toEqual(['autoroles.add', 'autoroles.add']);
		const [entry] = await admin.audit(h.guildId, { action: 'autoroles.add' });
		expect(entry?.after).toEqual({ roleId: h.role('VIP'), roleName: 'VIP', target: 'bots', delaySeconds: 5400 });
		expect(entry?.username).toBe('demo-admin');
	});

	it("refuses a role above Foyer's highest role with the reason next to the field, and stores nothing", async () => {
		const above = await h.createRole('ar-dash-above', { position: 100 });
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
			const response = await addRule({ role: h.role('Member'), ...fields }, { htmx: true });
			expect(response.status, JSON.stringify(fields)).toBe(422);
			const error = (await response.text()).match(/<p id="ar-delay-error" class="error">([^<]*)<\/p>/)?.[1];
			expect(error, JSON.stringify(fields)).toMatch(message);
		}
		expect(await stored()).toEqual([]);
		// The edge is allowed: exactly 7 days.
		expect((await addRule({ role: h.role('Member'), delay: '7', unit: 'days' })).status).toBe(303);
		expect(await stored()).toEqual([h.role('Member')]);
	});

	it('moves and removes rules, and the next join gets the roles in the new order', async () => {
		const [memberRole, vip, verified] = [h.role('Member'), h.role('VIP'), h.role('Verified')];
		await addRule({ role: memberRole });
		await addRule({ role: vip });
		await addRule({ role: verified });
		const moved = await admin.form(`${page}/rules/move`, { role: vip, direction: 'up' }, { htmx: true });
		expect(moved.status).toBe(200);
		expect(rowsOf(await moved.text())).toEqual([vip, memberRole, verified]);
		const down = await admin.form(`${page}/rules/move`, { role: memberRole, direction: 'down' });
		expect(down.status).toBe(303);
		expect(await stored()).toEqual([vip, verified, memberRole]);
		const edge = await admin.form(`${page}/rules/move`, { role: vip, direction: 'up' }, { htmx: true });
		expect(edge.status).toBe(422);
		expect(await edge.text()).toContain('That rule is already first.');

		let since = await h.lastRequestId();
		const first = await h.join('ar-dash-order');
		await h.waitFor(async () => (await rolesOf(first)).length === 3, 'three roles');
		expect(await rolesOf(first)).toEqual([vip, verified, memberRole]);
		expect(await memberCalls(first, since)).toEqual(['PATCH 200']);

		const removed = await admin.form(`${page}/rules/remove`, { role: verified }, { htmx: true });
		expect(removed.status).toBe(200);
		expect(rowsOf(await removed.text())).toEqual([vip, memberRole]);
		const plain = await admin.form(`${page}/rules/remove`, { role: vip });
		expect(plain.status).toBe(303);
		const again = await admin.form(`${page}/rules/remove`, { role: vip }, { htmx: true });
		expect(again.status).toBe(422);
		expect(await again.text()).toContain('not an auto role');
		expect(rowsOf(await pageHtml())).toEqual([memberRole]);

		since = await h.lastRequestId();
		const second = await h.join('ar-dash-after-remove');
		await h.waitFor(async () => (await rolesOf(second)).length === 1, 'one role');
		expect(await rolesOf(second)).toEqual([memberRole]);
		expect(await memberCalls(second, since)).toEqual(['PUT 204']);
		expect((await auditActions()).slice(-4)).toEqual([
			'autoroles.move',
			'autoroles.move',
			'autoroles.remove',
			'autoroles.remove',
		]);
	});

	it('answers 403 to a member without Manage Server, on the page and on every post, changing nothing', async () => {
		await addRule({ role: h.role('Member') });
		expect(member.csrf).not.toBe('');
		expect((await member.page(page)).status).toBe(403);
		const posts = [
			member.form(`${page}/rules`, { role: h.role('VIP'), delay: '0', unit: 'minutes', target: 'humans' }),
			member.form(`${page}/rules/remove`, { role: h.role('Member') }, { htmx: true }),
			member.form(`${page}/rules/move`, { role: h.role('Member'), direction: 'down' }),
		];
		for (const response of await Promise.all(posts)) expect(response.status).toBe(403);
		expect(await stored()).toEqual([h.role('Member')]);
	});

	it('shows the counters and the last error after a role moved above Foyer once its rule was added', async () => {
		const moved = await h.createRole('ar-dash-moved');
		await addRule({ role: h.role('Member') });
		await addRule({ role: moved });
		const counts = await plugin.counters.read(h.guildId);
		const [given, notGiven] = [(counts.assigned ?? 0) + 1, (counts.failed ?? 0) + 1];
		await h.moveRole(moved, 100);
		await h.waitFor(async () => (await pageHtml()).includes('Not given: Role ar-dash-moved is above'), 'the warning');
		const user = await h.join('ar-dash-fail');
		await h.waitFor(async () => (await rolesOf(user)).length === 1, 'the one role that can be given');
		await h.waitFor(
			async () => (await pageHtml()).includes(`<dt>Roles not given</dt><dd>${notGiven}</dd>`),
			'the failure counted on the page',
		);
		const html = await pageHtml();
		expect(html).toContain(`<dt>Roles given</dt><dd>${given}</dd>`);
		expect(html).toMatch(
			new RegExp(
				`<p class="flash error" role="alert">Last time a role could not be given \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\): Role ar-dash-moved is above ${FOYERS} highest role Foyer`,
			),
		);
	});

	it('renders a role name containing markup as inert text, in the select, the table and the messages', async () => {
		const evil = await h.createRole('<script>alert(1)</script>');
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
