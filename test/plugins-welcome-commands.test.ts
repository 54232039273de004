import type { TextChannel } from 'discord.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Backend, describeOnBackends } from '../src/testing/backends.ts';
import { startFoyerWithEmulator } from '../src/testing/foyer-harness.ts';

describeOnBackends('/welcome and /goodbye, for admins without the browser', (backend: Backend) => {
	let h: Awaited<ReturnType<typeof startFoyerWithEmulator>>;
	const demo = () => {
		if (!h.emulator.demo) throw new Error('no demo guild');
		return h.emulator.demo;
	};
	const run = async (userId: string, command: string, options?: Record<string, string>) => {
		const answer = await h.control.command({
			channel_id: h.generalId,
			user_id: userId,
			command,
			...(options ? { options } : {}),
		});
		return String((answer.reply as { content?: string } | undefined)?.content ?? '');
	};

	beforeAll(async () => {
		h = await startFoyerWithEmulator(['join', 'leave'], { from: 'plugins', ...(await backend.harnessOptions()) });
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('is not offered to members without Manage Server (default member permissions, as Discord enforces)', async () => {
		await expect(run(demo().member.id, 'welcome show')).rejects.toThrow(/lacks the permissions \/welcome requires/);
		const command = [...h.emulator.defaultApp.globalCommands.values()].find((c) => c.name === 'welcome');
		expect(command?.default_member_permissions).toBe('32');
	});

	it('sets the channel, shows it, and sends a test welcome there', async () => {
		const welcome = demo().channels.welcome as string;
		expect(await run(demo().admin.id, 'welcome channel', { channel: welcome })).toBe(
			`Welcome messages now go to <#${welcome}>.`,
		);
		expect(h.foyer.plugins.settings('join', h.guildId)).toMatchObject({ channel: welcome });
		expect(await run(demo().admin.id, 'welcome show')).toContain(`Welcome messages go to <#${welcome}>`);
		const after = h.emulator.world.channel(welcome).lastMessageId ?? undefined;
		expect(await run(demo().admin.id, 'welcome test')).toBe(`Sent to <#${welcome}>.`);
		const message = await h.control.waitForMessage(welcome, {
			...(after ? { after } : {}),
			authorId: h.emulator.defaultApp.botUserId,
		});
		expect(message.pings.users).toEqual([demo().admin.id]);
	});

	it('refuses a channel where Foyer cannot send, keeping the old one', async () => {
		const created = await h.control.call('POST', `/guilds/${h.guildId}/channels`, { name: 'muted' });
		const channel = (await h.foyer.client.channels.fetch(String(created.id))) as TextChannel;
		await channel.permissionOverwrites.create(h.guildId, { SendMessages: false });
		const before = h.foyer.plugins.settings('join', h.guildId).channel;
		expect(await run(demo().admin.id, 'welcome channel', { channel: channel.id })).toBe(
			'Not changed: Foyer lacks Send Messages in #muted.',
		);
		expect(h.foyer.plugins.settings('join', h.guildId).channel).toBe(before);
	});

	it('refuses /welcome test with the reason when Foyer lost Send Messages in the welcome channel', async () => {
		const created = await h.control.call('POST', `/guilds/${h.guildId}/channels`, { name: 'was-open' });
		const channel = (await h.foyer.client.channels.fetch(String(created.id))) as TextChannel;
		expect(await run(demo().admin.id, 'welcome channel', { channel: channel.id })).toBe(
			`Welcome messages now go to <#${channel.id}>.`,
		);
		await channel.permissionOverwrites.create(h.guildId, { SendMessages: false });
		expect(await run(demo().admin.id, 'welcome test')).toBe(
			'Not sent: Foyer lacks Send Messages in #was-open. Choose a channel with /welcome channel.',
		);
		expect(h.emulator.world.channel(channel.id).lastMessageId ?? null).toBeNull();
		await run(demo().admin.id, 'welcome channel', { channel: demo().channels.welcome as string });
	});

	it('/goodbye sets its channel, refuses an unsendable one, shows it and sends a test goodbye there', async () => {
		const goodbye = demo().channels.goodbye as string;
		await expect(run(demo().member.id, 'goodbye show')).rejects.toThrow(/lacks the permissions \/goodbye requires/);
		expect(await run(demo().admin.id, 'goodbye channel', { channel: goodbye })).toBe(
			`Goodbye messages now go to <#${goodbye}>.`,
		);
		const muted = [...(h.foyer.client.guilds.cache.get(h.guildId)?.channels.cache.values() ?? [])].find(
			(c) => c.name === 'muted',
		);
		expect(await run(demo().admin.id, 'goodbye channel', { channel: String(muted?.id) })).toBe(
			'Not changed: Foyer lacks Send Messages in #muted.',
		);
		expect(h.foyer.plugins.settings('leave', h.guildId).channel).toBe(goodbye);
		expect(await run(demo().admin.id, 'goodbye show')).toContain(`Goodbye messages go to <#${goodbye}>`);
		const after = h.emulator.world.channel(goodbye).lastMessageId ?? undefined;
		expect(await run(demo().admin.id, 'goodbye test')).toBe(`Sent to <#${goodbye}>.`);
		const message = await h.control.waitForMessage(goodbye, {
			...(after ? { after } : {}),
			authorId: h.emulator.defaultApp.botUserId,
		});
		expect(message.content).toContain('has left the server');
		const command = [...h.emulator.defaultApp.globalCommands.values()].find((c) => c.name === 'goodbye');
		expect(command?.default_member_permissions).toBe('32');
	});
});
