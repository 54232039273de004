import { type DashboardClient, describeOnBackends, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { balanceOf, history } from '../_balances.ts';
import { readTiers } from '../_tiers.ts';
import plugin from '../plugin.ts';
import { deliver, newSecret, order, startLoyalty } from './_harness.ts';

const HOSTILE = '<img src=x onerror=alert(1)>';

/** The loyalty pages: what admins see and do, escaped, with CSRF, 303 after a change and 422 beside fields. */
describeOnBackends('loyalty dashboard', (backend) => {
	let h: TestFoyer;
	let admin: DashboardClient;
	let secret: string;
	let page: string;
	let hostile: string;
	let formula: string;

	beforeAll(async () => {
		h = await startLoyalty(backend, { invites: false });
		page = `/loyalty/${h.guildId}`;
		secret = await newSecret(h);
		admin = await h.dashboard();
		await admin.page(page);
		hostile = await h.join({ username: 'hostile', globalName: HOSTILE });
		formula = await h.join({ username: 'formula', globalName: '=HYPERLINK("http://e.vil","x")' });
		await deliver(h, order({ order_id: 'D-1', user_id: hostile, amount: '120.00' }), { secret });
		await deliver(h, order({ order_id: 'D-2', user_id: formula, amount: '30.00', product_id: '+cmd' }), { secret });
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('shows counters, the rules form, the leaderboard, tiers, manual purchases and the webhook, member text escaped', async () => {
		const response = await admin.page(page);
		expect(response.status).toBe(200);
		const html = await response.text();
		for (const text of [
			'Points given',
			'Deliveries refused',
			'Congratulations sent',
			'Give points for valid invites',
			'Points per currency unit',
			'id="loyalty-leaderboard"',
			'id="loyalty-tiers"',
			'id="loyalty-purchase"',
			'id="loyalty-webhook"',
			'VIP Tier 3',
		])
			expect(html).toContain(text);
		expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(html).not.toContain(HOSTILE);
	});

	it('refuses members without Manage Server (403) and posts without the CSRF token (403), changing nothing', async () => {
		const member = await h.dashboard(h.demo.memberId);
		expect((await member.page(page)).status).toBe(403);
		const tiers = await readTiers(h.guildId);
		const posts = [
			member.form(`${page}/tiers`, { name: 'Hack', threshold: '5', role: '', benefits: '' }),
			admin.form(`${page}/tiers`, { name: 'Hack', threshold: '5', role: '', benefits: '' }, { csrf: null }),
			admin.form(`${page}/webhook/disable`, {}, { csrf: 'wrong' }),
			admin.form(`${page}/adjust`, { user: hostile, amount: '5', reason: 'x', nonce: 'abcdefgh12' }, { csrf: null }),
		];
		for (const response of await Promise.all(posts)) expect(response.status).toBe(403);
		expect(await readTiers(h.guildId)).toEqual(tiers);
		expect((await balanceOf(h.guildId, hostile))?.points).toBe(120);
		expect(
			(await deliver(h, order({ order_id: 'D-still', user_id: hostile, amount: '1.00' }), { secret })).status,
		).toBe(200);
	});

	it('records a manual purchase: 303 for a plain form, the section for htmx, errors beside their fields with 422', async () => {
		const plain = await admin.form(`${page}/purchases/manual`, {
			type: 'purchase',
			user: formula,
			amount: '10.00',
			order: 'M-1',
			product: '',
		});
		expect(plain.status).toBe(303);
		expect(plain.headers.get('location')).toBe(`${page}#loyalty-purchase`);
		const htmx = await admin.form(
			`${page}/purchases/manual`,
			{ type: 'purchase', user: formula, amount: '10.00', order: 'M-1', product: '' },
			{ htmx: true },
		);
		expect(htmx.status).toBe(200);
		expect(await htmx.text()).toContain('was already recorded (10 points); nothing changed.');
		const bad = await admin.form(`${page}/purchases/manual`, {
			type: 'purchase',
			user: 'me',
			amount: '-3',
			order: 'M 2',
			product: '',
		});
		expect(bad.status).toBe(422);
		const html = await bad.text();
		expect(html).toContain('id="lp-user-error"');
		expect(html).toContain('id="lp-amount-error"');
		expect(html).toContain('id="lp-order-error"');
		expect(html).toContain('value="-3"');
		expect((await balanceOf(h.guildId, formula))?.points).toBe(40);
	});

	it('adjusts from the member’s page once per form, refusing a balance below zero beside the field', async () => {
		const memberPage = `${page}/members?user=${hostile}`;
		const html = await (await admin.page(memberPage)).text();
		const nonce = /name="nonce" value="([^"]+)"/.exec(html)?.[1] as string;
		const fields = { user: hostile, amount: '-20', reason: `<script>alert("x")</script>`, nonce };
		const first = await admin.form(`${page}/adjust`, fields);
		expect(first.status).toBe(303);
		expect(first.headers.get('location')).toBe(memberPage);
		const twice = await admin.form(`${page}/adjust`, fields, { htmx: true });
		expect(await twice.text()).toContain('already recorded (the form was sent twice)');
		expect((await balanceOf(h.guildId, hostile))?.points).toBe(101);
		const shown = await (await admin.page(memberPage)).text();
		expect(shown).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
		expect(shown).not.toContain('<script>alert');
		const below = await admin.form(`${page}/adjust`, {
			user: hostile,
			amount: '-1000',
			reason: 'too much',
			nonce: 'another-nonce-1',
		});
		expect(below.status).toBe(422);
		expect(await below.text()).toMatch(/id="la-amount-error" class="error">The member has 101 points/);
		const empty = await admin.form(`${page}/adjust`, {
			user: hostile,
			amount: '0',
			reason: '',
			nonce: 'another-nonce-2',
		});
		expect(empty.status).toBe(422);
		const text = await empty.text();
		expect(text).toContain('id="la-amount-error"');
		expect(text).toContain('id="la-reason-error"');
		expect((await balanceOf(h.guildId, hostile))?.points).toBe(101);
	});

	it('pages a member’s ledger (20 lines a page, newest first, balance after each) and refuses a bad lookup with 422', async () => {
		for (let i = 0; i < 22; i++)
			await admin.form(`${page}/adjust`, { user: formula, amount: '1', reason: `step ${i}`, nonce: `page-nonce-${i}` });
		const first = await (await admin.page(`${page}/members?user=${formula}`)).text();
		expect(first.match(/data-entry-id=/g)).toHaveLength(20);
		expect(first).toContain('Page 1 of 2');
		expect(first).toContain(`href="${page}/members?user=${formula}&amp;page=2"`);
		const second = await (await admin.page(`${page}/members?user=${formula}&page=2`)).text();
		expect(second.match(/data-entry-id=/g)).toHaveLength(4);
		expect(second).toMatch(
			/<td>\+30<\/td><td>purchase<\/td><td>shop webhook<\/td><td><code>D-2<\/code><\/td><td>product \+cmd<\/td><td>30<\/td>/,
		);
		const lookup = await admin.page(`${page}/members?user=<b>`);
		expect(lookup.status).toBe(422);
		const body = await lookup.text();
		expect(body).toContain('id="loyalty-lookup-error"');
		expect(body).toContain('value="&lt;b&gt;"');
	});

	it('pages the leaderboard, 25 a page', async () => {
		for (let i = 0; i < 30; i++) {
			const user = await h.join(`board-${i}`);
			await deliver(h, order({ order_id: `B-${i}`, user_id: user, amount: `${i + 1}.00` }), { secret });
		}
		const first = await (await admin.page(`${page}/leaderboard`)).text();
		expect(first.match(/data-user-id=/g)).toHaveLength(25);
		expect(first).toContain('Page 1 of 2');
		const second = await (await admin.page(`${page}/leaderboard?page=2`)).text();
		expect(second.match(/data-user-id=/g)).toHaveLength(7);
	});

	it('exports the ledger as CSV: quoted where needed, formulas guarded, running balances', async () => {
		const response = await admin.request('GET', `${page}/export?user=${formula}`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toMatch(
			/^attachment; filename="loyalty-\d+-\d+-\d{4}-\d\d-\d\d\.csv"$/,
		);
		const rows = (await response.text()).split('\r\n');
		expect(rows[0]).toBe('time_utc,user_id,member,points,reason,by,reference,note,balance_after');
		expect(rows[1]).toMatch(
			new RegExp(
				`^\\d{4}-[^,]+,${formula},"'=HYPERLINK\\(""http://e.vil"",""x""\\)",30,purchase,shop webhook,D-2,product \\+cmd,30$`,
			),
		);
		expect(rows[2]).toContain(',10,purchase,');
		expect(rows.at(-2)).toMatch(/,1,admin,.*,step 21,62$/);
		const whole = await (await admin.request('GET', `${page}/export`)).text();
		const lines = whole.trim().split('\r\n');
		const total = (await history(h.guildId, formula, 1, 1)).total;
		expect(lines.filter((l) => l.includes(`,${formula},`))).toHaveLength(total);
	});

	it('shows a ready-to-run signed example request that works, and never the secret after it was shown once', async () => {
		const html = await (await admin.page(page)).text();
		expect(html).not.toContain(secret);
		const example =
			/id="loyalty-example">([\s\S]*?)<\/code>/
				.exec(html)?.[1]
				?.replace(/&#39;/g, "'")
				.replace(/&quot;/g, '"') ?? '';
		const url = /curl -X POST '([^']+)'/.exec(example)?.[1] as string;
		const ts = /X-Foyer-Timestamp: (\d+)/.exec(example)?.[1] as string;
		const signature = /X-Foyer-Signature: (sha256=[0-9a-f]{64})/.exec(example)?.[1] as string;
		const body = /--data-raw '([^']+)'/.exec(example)?.[1] as string;
		expect(JSON.parse(body)).toMatchObject({
			type: 'purchase',
			user_id: h.demo.ownerId,
			amount: '1.00',
			currency: 'USD',
		});
		const answer = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-foyer-timestamp': ts, 'x-foyer-signature': signature },
			body,
		});
		expect(answer.status).toBe(200);
		expect((await balanceOf(h.guildId, h.demo.ownerId))?.points).toBe(1);
	});

	it('shows a rotated secret once (also to a plain form: 200, not a redirect), and audits rotations by fingerprint only', async () => {
		const plain = await admin.form(`${page}/webhook/rotate`, {});
		expect(plain.status).toBe(200);
		const shown = /id="loyalty-new-secret">([^<]+)</.exec(await plain.text())?.[1] as string;
		expect(shown).toMatch(/^fyl_[\w-]{43}$/);
		expect(await (await admin.page(page)).text()).not.toContain(shown);
		const audit = await (await admin.page(`/guilds/${h.guildId}/audit?plugin=${plugin.id}`)).text();
		expect(audit).toContain('loyalty.webhook.rotate');
		expect(audit).toContain('fingerprint');
		expect(audit).not.toContain(shown);
		expect(audit).not.toContain(secret);
	});
});
