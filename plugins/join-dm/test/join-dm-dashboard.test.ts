import { type DashboardClient, describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';

/** The suite, as a function of the harness options so that it can run on each backend. */
describeOnBackends('join DM in the dashboard', (backend) => {
	let h: TestFoyer;
	let admin: DashboardClient;
	let member: DashboardClient;
	const page = () => `/${plugin.id}/${h.guildId}`;

	beforeAll(async () => {
		h = await startTestFoyer({ plugins: [new URL('..', import.meta.url)], backend });
		admin = await h.dashboard(h.demo.adminId);
		member = await h.dashboard(h.demo.memberId);
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('sends the admin a test DM from the plugin page', async () => {
		await admin.page(page());
		const dm = await admin.form(`${page()}/test`, {}, { htmx: true });
		expect(await dm.text()).toContain('check your direct messages');
		await h.waitFor(async () => (await h.dms(h.demo.adminId)).length === 1, 'the test DM');
		expect((await h.dms(h.demo.adminId))[0]?.content).toBe(
			'Hi Demo Admin! Welcome to Foyer Demo. Please read the rules.',
		);
	});

	it('tells an admin with closed DMs why the test DM did not arrive', async () => {
		const closed = await h.join({ username: 'closed-admin', dmsOpen: false });
		await h.control.setMemberRoles(h.guildId, closed, [h.role('Admin')]);
		const client = await h.dashboard(closed);
		await client.page(page());
		const res = await client.form(`${page()}/test`, {}, { htmx: true });
		expect(res.status).toBe(409);
		expect(await res.text()).toContain('you do not accept direct messages');
	});

	it('keeps the plugin page and its test button from members without Manage Server', async () => {
		expect((await member.page(page())).status).toBe(403);
		expect((await member.form(`${page()}/test`, {})).status).toBe(403);
		expect(await h.dms(h.demo.memberId)).toEqual([]);
	});
});
