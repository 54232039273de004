import { type DashboardClient, describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';

/** The suite, as a function of the harness options so that it can run on each backend. */
describeOnBackends('join messages in the dashboard (seed phase 1 test 1 "configure in panel")', (backend) => {
	let h: TestFoyer;
	let admin: DashboardClient;
	let member: DashboardClient;
	const settingsPath = () => `/guilds/${h.guildId}/plugins/${plugin.id}/settings`;
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

	it('welcomes a member who joins through an invite in the channel and with the message set in the dashboard', async () => {
		const saved = await admin.form(settingsPath(), {
			channel: h.channel('welcome'),
			template: 'Hello %member_mention%, member #%member_count% of %guild_name%!',
		});
		// A plain form post that saved goes back to the form (303), which then says so.
		expect(saved.status).toBe(303);
		expect(saved.headers.get('location')).toBe(`${settingsPath()}?saved=${plugin.id}`);
		expect(await (await admin.page(saved.headers.get('location') ?? '')).text()).toContain('Saved.');
		expect(plugin.settings(h.guildId)).toMatchObject({ channel: h.channel('welcome') });
		const invite = await h.createInvite({ inviterId: h.demo.adminId });
		const welcome = await h.watch('welcome');
		const joined = await h.join({ username: 'panel-joiner', invite });
		const message = await welcome.next();
		expect(message.content).toBe(`Hello <@${joined}>, member #${await h.memberCount()} of Foyer Demo!`);
		expect(message.pings).toEqual([joined]);
	});

	it('refuses a channel where Foyer cannot send, a template over 2000 characters and a bad colour, storing nothing', async () => {
		const readOnly = await h.createChannel('read-only');
		await h.denyInChannel(readOnly, ['SendMessages']);
		const before = plugin.settings(h.guildId);
		const refused = await admin.form(settingsPath(), { channel: readOnly });
		expect(refused.status).toBe(422);
		expect(await refused.text()).toContain('Foyer lacks Send Messages in #read-only');
		const long = await admin.form(settingsPath(), { template: 'x'.repeat(2001) });
		expect(await long.text()).toContain('Message must be at most 2000 characters');
		const colour = await admin.form(settingsPath(), { embedColor: 'blue' });
		expect(colour.status).toBe(422);
		expect(await colour.text()).toContain('must be a colour like #5865f2');
		expect(plugin.settings(h.guildId)).toEqual(before);
	});

	it('previews a template as it is typed and reports unknown placeholders', async () => {
		const q = new URLSearchParams({ field: 'template', template: 'Hi %member_name% from %guild_name% %nope%' });
		const res = await admin.page(`/guilds/${h.guildId}/template-preview?${q}`, { 'hx-request': 'true' });
		const html = await res.text();
		expect(html).toContain('Hi Demo Admin from Foyer Demo %nope%');
		expect(html).toMatch(/Unknown placeholder: <code>%nope%<\/code>/);
		const settings = await (await admin.page(settingsPath())).text();
		expect(settings).toMatch(/hx-get="\/guilds\/\d+\/template-preview\?field=template"/);
	});

	it('sends a test welcome from the plugin page, and counts welcomes but not tests', async () => {
		await admin.page(page());
		const welcome = await h.watch('welcome');
		const sent = await admin.form(`${page()}/test`, {}, { htmx: true });
		expect(sent.status).toBe(200);
		expect(await sent.text()).toContain('Sent to #welcome.');
		expect((await welcome.next()).content).toContain(`<@${h.demo.adminId}>`);
		// The join of the first test counts; a test message does not.
		await h.waitFor(
			async () => /Members welcomed<\/dt><dd>1</.test(await (await admin.page(page())).text()),
			'one member welcomed on the page',
		);
	});

	it('keeps the plugin page and its test button from members without Manage Server', async () => {
		expect((await member.page(page())).status).toBe(403);
		expect((await member.form(`${page()}/test`, {})).status).toBe(403);
	});

	it('refuses the test button with the reason when Foyer lost Send Messages in the configured channel, sending nothing', async () => {
		const closing = await h.createChannel('closing');
		// Accepted by the form while Foyer could still post there; the overwrite comes afterwards.
		expect((await admin.form(settingsPath(), { channel: closing })).status).toBe(303);
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
