import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Backend, describeOnBackends } from '../src/testing/backends.ts';
import { startFoyerWithEmulator } from '../src/testing/foyer-harness.ts';

describeOnBackends('join and leave message plugins (seed phase 1 test 1, phase 3 test 1)', (backend: Backend) => {
	let h: Awaited<ReturnType<typeof startFoyerWithEmulator>>;
	let welcome: string;
	let goodbye: string;

	beforeAll(async () => {
		h = await startFoyerWithEmulator(['join', 'leave'], { from: 'plugins', ...(await backend.harnessOptions()) });
		welcome = h.emulator.demo?.channels.welcome as string;
		goodbye = h.emulator.demo?.channels.goodbye as string;
		await h.foyer.plugins.updateSettings('join', h.guildId, { channel: welcome });
		await h.foyer.plugins.updateSettings('leave', h.guildId, { channel: goodbye });
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	/** The bot's next message in a channel, counting from now (call before triggering it). */
	function nextBotMessage(channelId: string) {
		const after = h.emulator.world.channel(channelId).lastMessageId ?? undefined;
		return () =>
			h.control.waitForMessage(channelId, { ...(after ? { after } : {}), authorId: h.emulator.defaultApp.botUserId });
	}

	it('welcomes a member who joins through an invite in the configured channel, placeholders rendered, pinging only them', async () => {
		const invite = await h.control.createInvite(h.guildId, { inviter_id: h.emulator.demo?.member.id });
		const next = nextBotMessage(welcome);
		const joined = await h.control.join(h.guildId, {
			user: { username: 'newcomer', global_name: 'New Comer' },
			invite_code: invite.code,
		});
		const message = await next();
		const count = h.emulator.world.guild(h.guildId).members.size;
		expect(message.content).toBe(
			`Welcome <@${joined.user.id}> to **Foyer Demo**! We are now ${count.toLocaleString('en-US')} members.`,
		);
		expect(message.pings).toEqual({ users: [joined.user.id], roles: [], everyone: false });
		expect(message.embeds).toEqual([]);
	});

	it('pings nobody else when a member is named @everyone or carries a mention in their name', async () => {
		await h.foyer.plugins.updateSettings('join', h.guildId, { template: 'Hi %member_name%, welcome %member_mention%' });
		const next = nextBotMessage(welcome);
		const joined = await h.control.join(h.guildId, {
			user: { username: 'raider', global_name: `@everyone <@${h.emulator.demo?.owner.id}>` },
		});
		const message = await next();
		expect(message.pings).toEqual({ users: [joined.user.id], roles: [], everyone: false });
		expect(message.mention_everyone).toBe(false);
	});

	it('says goodbye with placeholders when a member leaves', async () => {
		const joined = await h.control.join(h.guildId, { user: { username: 'leaver', global_name: 'Leaver' } });
		const next = nextBotMessage(goodbye);
		await h.control.leave(h.guildId, joined.user.id);
		const message = await next();
		const count = h.emulator.world.guild(h.guildId).members.size;
		expect(message.content).toBe(`Leaver has left the server. We are now ${count} members.`);
	});

	it('adds the configured embed: title and description rendered, colour, image, and the member avatar as thumbnail', async () => {
		const image = 'https://example.com/banner.png';
		const result = await h.foyer.plugins.updateSettings('join', h.guildId, {
			template: 'Welcome %member_mention%',
			embed: true,
			embedTitle: 'Welcome to %guild_name%!',
			embedDescription: '%member_name% is member #%member_count%',
			embedColor: '#ff8800',
			embedImageUrl: image,
			embedThumbnail: true,
		});
		expect(result.ok).toBe(true);
		const next = nextBotMessage(welcome);
		const joined = await h.control.join(h.guildId, { user: { username: 'embedded', global_name: 'Em Bedded' } });
		const message = await next();
		const count = h.emulator.world.guild(h.guildId).members.size;
		expect(message.content).toBe(`Welcome <@${joined.user.id}>`);
		expect(message.embeds).toHaveLength(1);
		expect(message.embeds[0]).toMatchObject({
			title: 'Welcome to Foyer Demo!',
			description: `Em Bedded is member #${count}`,
			color: 0xff8800,
			image: { url: image },
			thumbnail: { url: expect.stringMatching(/^https:\/\/cdn\.discordapp\.com\/.+\.png/) },
		});
		expect(message.pings).toEqual({ users: [joined.user.id], roles: [], everyone: false });
	});

	it('leaves out the avatar when the thumbnail is off and the image when no URL is set', async () => {
		await h.foyer.plugins.updateSettings('join', h.guildId, { embedThumbnail: false, embedImageUrl: '' });
		const next = nextBotMessage(welcome);
		await h.control.join(h.guildId, { user: { username: 'no-thumb' } });
		const [embed] = (await next()).embeds;
		expect(embed.thumbnail).toBeUndefined();
		expect(embed.image).toBeUndefined();
		expect(embed.title).toBe('Welcome to Foyer Demo!');
		// Back to the default (no embed) for the tests below; the channel's 5 per 5 s are used up by now.
		await h.foyer.plugins.updateSettings('join', h.guildId, { embed: false });
	});

	it('refuses an embed image that is not an http(s) link and a raid message that names nobody', async () => {
		const result = await h.foyer.plugins.updateSettings('join', h.guildId, {
			embedImageUrl: 'javascript:alert(1)',
			raidTemplate: 'Welcome everyone!',
		});
		expect(result.ok).toBe(false);
		if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['embedImageUrl', 'raidTemplate']);
	});

	it('sends nothing while the plugin is disabled in the guild', async () => {
		await h.foyer.plugins.setEnabled('join', h.guildId, false);
		const before = h.emulator.world.channel(welcome).messages.size;
		await h.control.join(h.guildId, { user: { username: 'unwelcomed' } });
		await new Promise((r) => setTimeout(r, 300));
		expect(h.emulator.world.channel(welcome).messages.size).toBe(before);
		await h.foyer.plugins.setEnabled('join', h.guildId, true);
	});
});
