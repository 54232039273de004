import { describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';

/** The suite, as a function of the harness options so that it can run on each backend. */
describeOnBackends('join messages (seed phase 1 test 1)', (backend) => {
	let h: TestFoyer;

	beforeAll(async () => {
		h = await startTestFoyer({ plugins: [new URL('..', import.meta.url)], backend });
		await plugin.updateSettings(h.guildId, { channel: h.channel('welcome') });
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('welcomes a member who joins through an invite in the configured channel, placeholders rendered, pinging only them', async () => {
		const invite = await h.createInvite({ inviterId: h.demo.memberId });
		const welcome = await h.watch('welcome');
		const joined = await h.join({ username: 'newcomer', globalName: 'New Comer', invite });
		const message = await welcome.next();
		const count = await h.memberCount();
		expect(message.content).toBe(
			`Welcome <@${joined}> to **Foyer Demo**! We are now ${count.toLocaleString('en-US')} members.`,
		);
		expect([message.pings, message.pingedRoles, message.pingedEveryone]).toEqual([[joined], [], false]);
		expect(message.embeds).toEqual([]);
	});

	it('pings nobody else when a member is named @everyone or carries a mention in their name', async () => {
		await plugin.updateSettings(h.guildId, { template: 'Hi %member_name%, welcome %member_mention%' });
		const welcome = await h.watch('welcome');
		const joined = await h.join({ username: 'raider', globalName: `@everyone <@${h.demo.ownerId}>` });
		const message = await welcome.next();
		expect([message.pings, message.pingedRoles, message.pingedEveryone]).toEqual([[joined], [], false]);
		expect(message.raw.mention_everyone).toBe(false);
	});

	it('adds the configured embed: title and description rendered, colour, image, and the member avatar as thumbnail', async () => {
		const image = 'https://example.com/banner.png';
		const result = await plugin.updateSettings(h.guildId, {
			template: 'Welcome %member_mention%',
			embed: true,
			embedTitle: 'Welcome to %guild_name%!',
			embedDescription: '%member_name% is member #%member_count%',
			embedColor: '#ff8800',
			embedImageUrl: image,
			embedThumbnail: true,
		});
		expect(result.ok).toBe(true);
		const welcome = await h.watch('welcome');
		const joined = await h.join({ username: 'embedded', globalName: 'Em Bedded' });
		const message = await welcome.next();
		const count = await h.memberCount();
		expect(message.content).toBe(`Welcome <@${joined}>`);
		expect(message.embeds).toHaveLength(1);
		expect(message.embeds[0]).toMatchObject({
			title: 'Welcome to Foyer Demo!',
			description: `Em Bedded is member #${count}`,
			color: 0xff8800,
			image: { url: image },
			thumbnail: { url: expect.stringMatching(/^https:\/\/cdn\.discordapp\.com\/.+\.png/) },
		});
		expect([message.pings, message.pingedRoles, message.pingedEveryone]).toEqual([[joined], [], false]);
	});

	it('leaves out the avatar when the thumbnail is off and the image when no URL is set', async () => {
		await plugin.updateSettings(h.guildId, { embedThumbnail: false, embedImageUrl: '' });
		const welcome = await h.watch('welcome');
		await h.join('no-thumb');
		const [embed] = (await welcome.next()).embeds;
		expect(embed?.thumbnail).toBeUndefined();
		expect(embed?.image).toBeUndefined();
		expect(embed?.title).toBe('Welcome to Foyer Demo!');
		// Back to the default (no embed) for the tests below; the channel's 5 per 5 s are used up by now.
		await plugin.updateSettings(h.guildId, { embed: false });
	});

	it('refuses an embed image that is not an http(s) link and a raid message that names nobody', async () => {
		const result = await plugin.updateSettings(h.guildId, {
			embedImageUrl: 'javascript:alert(1)',
			raidTemplate: 'Welcome everyone!',
		});
		expect(result.ok).toBe(false);
		if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['embedImageUrl', 'raidTemplate']);
		expect(plugin.settings(h.guildId).embedImageUrl).toBe('');
	});

	it('sends nothing while the plugin is disabled in the guild', async () => {
		await h.enable(plugin.id, false);
		const before = (await h.messages('welcome')).length;
		await h.join('unwelcomed');
		await new Promise((r) => setTimeout(r, 300));
		expect(await h.messages('welcome')).toHaveLength(before);
		await h.enable(plugin.id, true);
	});
});
