import { type DashboardClient, describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';

/** The suite, as a function of the harness options so that it can run on each backend. */
describeOnBackends('leave messages in the dashboard', (backend) => {
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

	it('sends a test goodbye from the plugin page to the system channel while no channel is chosen', async () => {
		await admin.page(page());
		const general = await h.watch('general');
		const sent = await admin.form(`${page()}/test`, {});
		expect(sent.status).toBe(200);
		expect(await sent.text()).toContain('Sent to #general.');
		expect((await general.next()).content).toContain('has left the server');
	});

	it('keeps the plugin page and its test button from members without Manage Server', async () => {
		expect((await member.page(page())).status).toBe(403);
		expect((await member.form(`${page()}/test`, {})).status).toBe(403);
	});

	it('refuses the test button with the reason when Foyer lost Send Messages in the configured channel, sending nothing', async () => {
		const closing = await h.createChannel('closing');
		const settings = `/guilds/${h.guildId}/plugins/${plugin.id}/settings`;
		expect((await admin.form(settings, { channel: closing })).status).toBe(303);
		await h.denyInChannel(closing, ['SendMessages']);
		const htmx = await admin.form(`${page()}/test`, {}, { htmx: true });
		expect(htmx.status).toBe(409);
		expect(await htmx.text()).toContain('Not sent: Foyer lacks Send Messages in #closing.');
		const plain = await admin.form(`${page()}/test`, {});
		expect(plain.status).toBe(409);
		expect(await plain.text()).toContain(`href="${page()}"`);
		expect(await h.messages(closing)).toEqual([]);
	});
});
