import { describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';

/** Discord's Manage Server permission bit (1 << 5), as default_member_permissions carries it. */
const MANAGE_GUILD = String(1 << 5);

/** The suite, as a function of the harness options so that it can run on each backend. */
describeOnBackends('/goodbye, for admins without the browser', (backend) => {
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

	it('sets its channel, refuses an unsendable one, shows it and sends a test goodbye there', async () => {
		const goodbye = h.channel('goodbye');
		await expect(run(h.demo.memberId, 'goodbye show')).rejects.toThrow(/lacks the permissions \/goodbye requires/);
		expect(await run(h.demo.adminId, 'goodbye channel', { channel: goodbye })).toBe(
			`Goodbye messages now go to <#${goodbye}>.`,
		);
		const muted = await h.createChannel('muted');
		await h.denyInChannel(muted, ['SendMessages']);
		expect(await run(h.demo.adminId, 'goodbye channel', { channel: muted })).toBe(
			'Not changed: Foyer lacks Send Messages in #muted.',
		);
		expect(plugin.settings(h.guildId).channel).toBe(goodbye);
		expect(await run(h.demo.adminId, 'goodbye show')).toContain(`Goodbye messages go to <#${goodbye}>`);
		const channel = await h.watch('goodbye');
		expect(await run(h.demo.adminId, 'goodbye test')).toBe(`Sent to <#${goodbye}>.`);
		expect((await channel.next()).content).toContain('has left the server');
		expect((await h.registeredCommand('goodbye'))?.default_member_permissions).toBe(MANAGE_GUILD);
	});

	it('refuses /goodbye test with the reason when Foyer lost Send Messages in the goodbye channel', async () => {
		const channel = await h.createChannel('was-open');
		expect(await run(h.demo.adminId, 'goodbye channel', { channel })).toBe(`Goodbye messages now go to <#${channel}>.`);
		await h.denyInChannel(channel, ['SendMessages']);
		expect(await run(h.demo.adminId, 'goodbye test')).toMatch(/^Not sent: Foyer lacks Send Messages in #was-open\./);
		expect(await h.messages(channel)).toEqual([]);
	});
});
