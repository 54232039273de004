import { PermissionFlagsBits, type TextChannel } from 'discord.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Backend, describeOnBackends } from '../src/testing/backends.ts';
import { DashboardClient } from '../src/testing/dashboard-client.ts';
import { startFoyerWithEmulator } from '../src/testing/foyer-harness.ts';
import { waitUntil } from './helpers/wait.ts';

describeOnBackends(
	'welcome suite pages in the dashboard (seed phase 1 test 1 "configure in panel")',
	(backend: Backend) => {
		let h: Awaited<ReturnType<typeof startFoyerWithEmulator>>;
		let admin: DashboardClient;
		let member: DashboardClient;
		let welcome: string;
		const demo = () => {
			if (!h.emulator.demo) throw new Error('no demo guild');
			return h.emulator.demo;
		};

		beforeAll(async () => {
			const backendOptions = await backend.harnessOptions();
			h = await startFoyerWithEmulator(['join', 'leave', 'join-dm'], { from: 'plugins', ...backendOptions });
			welcome = demo().channels.welcome as string;
			admin = await DashboardClient.login(h.foyer.httpUrl, demo().admin.id);
			member = await DashboardClient.login(h.foyer.httpUrl, demo().member.id);
		});
		afterAll(async () => {
			await h?.stop();
			await backend.cleanup();
		});

		const settingsPath = () => `/guilds/${h.guildId}/plugins/join/settings`;

		it('welcomes a member who joins through an invite in the channel and with the message set in the dashboard', async () => {
			const saved = await admin.form(settingsPath(), {
				channel: welcome,
				template: 'Hello %member_mention%, member #%member_count% of %guild_name%!',
			});
			// A plain form post that saved goes back to the form (303), which then says so.
			expect(saved.status).toBe(303);
			expect(saved.headers.get('location')).toBe(`${settingsPath()}?saved=join`);
			expect(await (await admin.page(saved.headers.get('location') ?? '')).text()).toContain('Saved.');
			expect(h.foyer.plugins.settings('join', h.guildId)).toMatchObject({ channel: welcome });
			const invite = await h.control.createInvite(h.guildId, { inviter_id: demo().admin.id });
			const after = h.emulator.world.channel(welcome).lastMessageId ?? undefined;
			const joined = await h.control.join(h.guildId, { user: { username: 'panel-joiner' }, invite_code: invite.code });
			const message = await h.control.waitForMessage(welcome, {
				...(after ? { after } : {}),
				authorId: h.emulator.defaultApp.botUserId,
			});
			const count = h.emulator.world.guild(h.guildId).members.size;
			expect(message.content).toBe(`Hello <@${joined.user.id}>, member #${count} of Foyer Demo!`);
			expect(message.pings.users).toEqual([joined.user.id]);
		});

		it('refuses a channel where Foyer cannot send, a template over 2000 characters and a bad colour, storing nothing', async () => {
			const created = await h.control.call('POST', `/guilds/${h.guildId}/channels`, { name: 'read-only' });
			const guild = h.foyer.client.guilds.cache.get(h.guildId);
			const channel = (await guild?.channels.fetch(String(created.id))) as TextChannel;
			await channel.permissionOverwrites.create(h.guildId, { SendMessages: false });
			await waitUntil(
				() => channel.permissionsFor(guild?.members.me ?? '')?.has(PermissionFlagsBits.SendMessages) === false,
			);
			const before = h.foyer.plugins.settings('join', h.guildId);
			const refused = await admin.form(settingsPath(), { channel: channel.id });
			expect(refused.status).toBe(422);
			expect(await refused.text()).toContain('Foyer lacks Send Messages in #read-only');
			const long = await admin.form(settingsPath(), { template: 'x'.repeat(2001) });
			expect(await long.text()).toContain('Message must be at most 2000 characters');
			const colour = await admin.form(settingsPath(), { embedColor: 'blue' });
			expect(colour.status).toBe(422);
			expect(await colour.text()).toContain('must be a colour like #5865f2');
			expect(h.foyer.plugins.settings('join', h.guildId)).toEqual(before);
		});

		it('previews a template as it is typed and reports unknown placeholders', async () => {
			const q = new URLSearchParams({ field: 'template', template: 'Hi %member_name% from %guild_name% %nope%' });
			const res = await admin.page(`/guilds/${h.guildId}/template-preview?${q}`, { 'hx-request': 'true' });
			const html = await res.text();
			expect(html).toContain('Hi Demo Admin from Foyer Demo %nope%');
			expect(html).toMatch(/Unknown placeholder: <code>%nope%<\/code>/);
			const page = await (await admin.page(settingsPath())).text();
			expect(page).toMatch(/hx-get="\/guilds\/\d+\/template-preview\?field=template"/);
		});

		it('sends a test welcome, a test goodbye and a test DM from the plugin pages, and counts welcomes', async () => {
			await admin.page(`/join/${h.guildId}`);
			const after = h.emulator.world.channel(welcome).lastMessageId ?? undefined;
			const sent = await admin.form(`/join/${h.guildId}/test`, {}, { htmx: true });
			expect(sent.status).toBe(200);
			expect(await sent.text()).toContain('Sent to #welcome.');
			const message = await h.control.waitForMessage(welcome, {
				...(after ? { after } : {}),
				authorId: h.emulator.defaultApp.botUserId,
			});
			expect(message.content).toContain(`<@${demo().admin.id}>`);
			// The join of the first test counts; a test message does not.
			await waitUntil(async () =>
				/Members welcomed<\/dt><dd>1</.test(await (await admin.page(`/join/${h.guildId}`)).text()),
			);

			const dm = await admin.form(`/join-dm/${h.guildId}/test`, {}, { htmx: true });
			expect(await dm.text()).toContain('check your direct messages');
			await waitUntil(async () => (await h.control.dms(demo().admin.id)).length >= 1);

			const goodbye = await admin.form(`/leave/${h.guildId}/test`, {});
			// No leave channel chosen: the goodbye goes to the server's system channel.
			expect(goodbye.status).toBe(200);
			expect(await goodbye.text()).toMatch(/Sent to #\w+/);
		});

		it('tells an admin with closed DMs why the test DM did not arrive', async () => {
			const closed = await h.control.join(h.guildId, { user: { username: 'closed-admin', dms_open: false } });
			await h.control.setMemberRoles(h.guildId, closed.user.id, [demo().roles.Admin as string]);
			const client = await DashboardClient.login(h.foyer.httpUrl, closed.user.id);
			await client.page(`/join-dm/${h.guildId}`);
			const res = await client.form(`/join-dm/${h.guildId}/test`, {}, { htmx: true });
			expect(res.status).toBe(409);
			expect(await res.text()).toContain('you do not accept direct messages');
		});

		it('keeps the plugin pages and their actions from members without Manage Server', async () => {
			for (const plugin of ['join', 'leave', 'join-dm']) {
				expect((await member.page(`/${plugin}/${h.guildId}`)).status).toBe(403);
				expect((await member.form(`/${plugin}/${h.guildId}/test`, {})).status).toBe(403);
			}
		});

		it('refuses the test buttons with the reason when Foyer lost Send Messages in the configured channel, sending nothing', async () => {
			const created = await h.control.call('POST', `/guilds/${h.guildId}/channels`, { name: 'closing' });
			const guild = h.foyer.client.guilds.cache.get(h.guildId);
			const channel = (await guild?.channels.fetch(String(created.id))) as TextChannel;
			// Accepted by the form while Foyer could still post there; the overwrite comes afterwards.
			for (const plugin of ['join', 'leave'])
				expect(
					(await admin.form(`/guilds/${h.guildId}/plugins/${plugin}/settings`, { channel: channel.id })).status,
				).toBe(303);
			await channel.permissionOverwrites.create(h.guildId, { SendMessages: false });
			await waitUntil(
				() => channel.permissionsFor(guild?.members.me ?? '')?.has(PermissionFlagsBits.SendMessages) === false,
			);
			for (const plugin of ['join', 'leave']) {
				const htmx = await admin.form(`/${plugin}/${h.guildId}/test`, {}, { htmx: true });
				expect(htmx.status).toBe(409);
				expect(await htmx.text()).toContain('Not sent: Foyer lacks Send Messages in #closing.');
				const plain = await admin.form(`/${plugin}/${h.guildId}/test`, {});
				expect(plain.status).toBe(409);
				expect(await plain.text()).toContain(`href="/${plugin}/${h.guildId}"`);
			}
			expect(h.emulator.world.channel(channel.id).lastMessageId ?? null).toBeNull();
		});
	},
);
