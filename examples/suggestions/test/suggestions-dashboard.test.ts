import { type DashboardClient, describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';

describeOnBackends('suggestion box in the dashboard', (backend) => {
	let h: TestFoyer;
	let admin: DashboardClient;
	let member: DashboardClient;
	const page = () => `/${plugin.id}/${h.guildId}`;
	/** The status column of each row, by suggestion number. */
	const statuses = (html: string) =>
		Object.fromEntries(
			[...html.matchAll(/<tr data-suggestion="(\d+)">[\s\S]*?<\/tr>/g)].map((m) => [
				Number(m[1]),
				[...(m[0] ?? '').matchAll(/<td>([^<]*)/g)].map((c) => c[1])[5],
			]),
		);
	const suggest = async (idea: string) => {
		const watch = await h.watch('general');
		const reply = await h.command(h.demo.memberId, 'suggest', { idea });
		const id = Number(reply.content.match(/#(\d+)/)?.[1]);
		return { id, post: await watch.next() };
	};

	beforeAll(async () => {
		h = await startTestFoyer({ plugins: [new URL('..', import.meta.url)], backend });
		admin = await h.dashboard(h.demo.adminId);
		member = await h.dashboard(h.demo.memberId);
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('lists the suggestions newest first, with their text as inert text', async () => {
		expect(await (await admin.page(page())).text()).toContain('No suggestions yet');
		const first = await suggest('More <b>bold</b> ideas & <script>alert(1)</script>');
		const second = await suggest('A second idea');
		const html = await (await admin.page(page())).text();
		expect(html).not.toContain('<script>alert');
		expect(html).toContain('More &lt;b&gt;bold&lt;/b&gt; ideas &amp; &lt;script&gt;alert(1)&lt;/script&gt;');
		expect(Object.keys(statuses(html)).map(Number)).toEqual([first.id, second.id]);
		expect(html.indexOf(`data-suggestion="${second.id}"`)).toBeLessThan(html.indexOf(`data-suggestion="${first.id}"`));
		expect(html).toContain('<dt>Suggested</dt><dd>2</dd>');
	});

	it('approves with htmx: the list answers, the post shows the decision, the audit log has it', async () => {
		const { id, post } = await suggest('Approve me');
		await admin.page(page());
		const approved = await admin.form(`${page()}/status`, { id: String(id), status: 'approved' }, { htmx: true });
		expect(approved.status).toBe(200);
		const fragment = await approved.text();
		expect(fragment).toMatch(/^<section id="suggestions-list"/);
		expect(fragment).toContain(`Suggestion #${id} approved.`);
		expect(statuses(fragment)[id]).toBe('approved');
		const edited = await h.message('general', post.id);
		expect(edited?.embeds[0]).toMatchObject({ title: `Approved #${id}`, description: 'Approve me', color: 0x57f287 });
		const [entry] = await admin.audit(h.guildId, { plugin: plugin.id });
		expect(entry).toMatchObject({
			action: 'suggestions.approve',
			username: 'demo-admin',
			before: { id, status: 'open' },
			after: { id, status: 'approved' },
		});
	});

	it('declines without JavaScript (303 back to the page) and counts both decisions', async () => {
		const { id } = await suggest('Decline me');
		const declined = await admin.form(`${page()}/status`, { id: String(id), status: 'declined' });
		expect(declined.status).toBe(303);
		expect(declined.headers.get('location')).toBe(page());
		const html = await (await admin.page(page())).text();
		expect(statuses(html)[id]).toBe('declined');
		expect(html).toContain('<dt>Approved</dt><dd>1</dd>');
		expect(html).toContain('<dt>Declined</dt><dd>1</dd>');
	});

	it('refuses an unknown suggestion, an unknown status and a repeated decision, changing nothing', async () => {
		const { id } = await suggest('Leave me open');
		const audited = (await admin.audit(h.guildId, { plugin: plugin.id })).length;
		const cases: [Record<string, string>, string][] = [
			[{ id: '9999', status: 'approved' }, 'No such suggestion here'],
			[{ id: String(id), status: 'deleted' }, 'Choose Approve or Decline.'],
			[{ id: 'x', status: 'approved' }, 'No such suggestion here'],
		];
		for (const [fields, text] of cases) {
			const response = await admin.form(`${page()}/status`, fields, { htmx: true });
			expect(response.status, JSON.stringify(fields)).toBe(422);
			expect(await response.text()).toContain(text);
		}
		await admin.form(`${page()}/status`, { id: String(id), status: 'approved' });
		const again = await admin.form(`${page()}/status`, { id: String(id), status: 'approved' });
		expect(again.status).toBe(422);
		expect(await again.text()).toContain(`Suggestion #${id} is already approved.`);
		expect(await admin.audit(h.guildId, { plugin: plugin.id })).toHaveLength(audited + 1);
	});

	it('answers 403 to a member without Manage Server, on the page and on a decision, changing nothing', async () => {
		const { id } = await suggest('Members cannot decide');
		expect((await member.page(page())).status).toBe(403);
		expect((await member.form(`${page()}/status`, { id: String(id), status: 'approved' })).status).toBe(403);
		expect(statuses(await (await admin.page(page())).text())[id]).toBe('open');
	});
});
