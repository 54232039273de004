import { describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';

/** Discord's Manage Server permission bit (1 << 5), as default_member_permissions carries it. */
const MANAGE_GUILD = String(1 << 5);

/** The suite, as a function of the harness options so that it can run on each backend. */
describeOnBackends('/welcome, for admins without the browser', (backend) => {
	let h: TestFoyer;
	const run = async (userId: string, command: string, options?: Record<string, string>) =>
		(await h.command(userId, command, options)).content;

	beforeAll(async () => {
		h = await startTestFoyer({ plugins: [new URL('..', import.meta.url)], backend });
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('is not offered to members without Manage Server (default member permissions, as Discord enforces)', async () => {
		await expect(run(h.demo.memberId, 'welcome show')).rejects.toThrow(/lacks the permissions \/welcome requires/);
		expect((await h.registeredCommand('welcome'))?.default_member_permissions).toBe(MANAGE_GUILD);
	});

	it('sets the channel, shows it, and sends a test welcome there', async () => {
		const welcome = h.channel('welcome');
		expect(await run(h.demo.adminId, 'welcome channel', { channel: welcome })).toBe(
			`Welcome messages now go to <#${welcome}>.`,
		);
		expect(plugin.settings(h.guildId)).toMatchObject({ channel: welcome });
		expect(await run(h.demo.adminId, 'welcome show')).toContain(`Welcome messages go to <#${welcome}>`);
		const channel = await h.watch('welcome');
		expect(await run(h.demo.adminId, 'welcome test')).toBe(`Sent to <#${welcome}>.`);
		expect((await channel.next()).pings).toEqual([h.demo.adminId]);
	});

	it('refuses a channel where Foyer cannot send, keeping the old one', async () => {
		const muted = await h.createChannel('muted');
		await h.denyInChannel(muted, ['SendMessages']);
		const before = plugin.settings(h.guildId).channel;
		expect(await run(h.demo.adminId, 'welcome channel', { channel: muted })).toBe(
			'Not changed: Foyer lacks Send Messages in #muted.',
		);
		expect(plugin.settings(h.guildId).channel).toBe(before);
	});

	it('refuses /welcome test with the reason when Foyer lost Send Messages in the welcome channel', async () => {
		const channel = await h.createChannel('was-open');
		expect(await run(h.demo.adminId, 'welcome channel', { channel })).toBe(`Welcome messages now go to <#${channel}>.`);
		await h.denyInChannel(channel, ['SendMessages']);
		expect(await run(h.demo.adminId, 'welcome test')).toBe(
			'Not sent: Foyer lacks Send Messages in #was-open. Choose a channel with /welcome channel.',
		);
		expect(await h.messages(channel)).toEqual([]);
		await run(h.demo.adminId, 'welcome channel', { channel: h.channel('welcome') });
	});
});
