import { Client, type Member } from 'oceanic.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { Emulator } from '../../src/emulator/emulator.ts';
import type { SeedResult } from '../../src/emulator/seed.ts';

/** Resolves with the first `event` of `client` whose arguments pass `filter`. */
function next<T extends unknown[]>(
	client: Client,
	event: string,
	filter: (...args: T) => boolean = () => true,
	ms = 5000,
): Promise<T> {
	return new Promise((resolve, reject) => {
		const handler = (...args: unknown[]) => {
			if (!filter(...(args as T))) return;
			clearTimeout(timer);
			client.off(event as never, handler as never);
			resolve(args as T);
		};
		const timer = setTimeout(() => {
			client.off(event as never, handler as never);
			reject(new Error(`no ${event} within ${ms} ms`));
		}, ms);
		client.on(event as never, handler as never);
	});
}

/**
 * A maintained library other than discord.js, used as a plugin author on it would: only
 * `rest.baseURL` points at the emulator. Whatever it needs is fixed in the emulator, not here.
 */
describe.each([
	{ mode: 'plain JSON', compress: false as const },
	{ mode: 'zlib-stream', compress: 'zlib-stream' as const },
])('oceanic.js 1.15 against the emulator ($mode)', ({ compress }) => {
	let emulator: Emulator;
	let control: EmulatorControl;
	let client: Client;
	let demo: SeedResult;

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true });
		control = new EmulatorControl(emulator.url);
		demo = emulator.demo as SeedResult;
		client = new Client({
			auth: `Bot ${emulator.token}`,
			rest: { baseURL: `${emulator.apiUrl}/v10` },
			gateway: {
				intents: ['GUILDS', 'GUILD_MEMBERS', 'GUILD_INVITES', 'GUILD_MESSAGES', 'MESSAGE_CONTENT'],
				compress,
			},
		});
		const ready = next(client, 'ready');
		await client.connect();
		await ready;
	});
	afterAll(async () => {
		client?.disconnect(false);
		await emulator?.close();
	});

	it('logs in and caches the demo guild from GUILD_CREATE', () => {
		const guild = client.guilds.get(demo.guild.id);
		expect(guild?.name).toBe('Foyer Demo');
		expect(guild?.memberCount).toBe(demo.guild.members.size);
		expect(guild?.channels.get(demo.channels.general as string)?.name).toBe('general');
		expect(client.user.id).toBe(emulator.defaultApp.botUserId);
	});

	it('receives member events for joins and leaves', async () => {
		const added = next<[Member]>(client, 'guildMemberAdd', (m) => m.user.username === 'oceanic-newcomer');
		const { user } = await control.join(demo.guild.id, { user: { username: 'oceanic-newcomer' } });
		const [member] = await added;
		expect(member.id).toBe(user.id);
		const removed = next(client, 'guildMemberRemove');
		await control.leave(demo.guild.id, user.id);
		await removed;
	});

	it('makes the common REST calls: messages, members, roles, invites, audit log, DMs', async () => {
		const general = demo.channels.general as string;
		const message = await client.rest.channels.createMessage(general, {
			content: `hi <@${demo.member.id}>`,
			allowedMentions: { users: [demo.member.id] },
			embeds: [{ title: 'From oceanic' }],
		});
		expect(message.content).toContain('hi');
		const edited = await client.rest.channels.editMessage(general, message.id, { content: 'edited' });
		expect(edited.content).toBe('edited');
		const member = await client.rest.guilds.getMember(demo.guild.id, demo.member.id);
		expect(member.user.username).toBe('demo-member');
		const role = await client.rest.guilds.createRole(demo.guild.id, { name: 'oceanic' });
		await client.rest.guilds.addMemberRole(demo.guild.id, demo.member.id, role.id);
		const invite = await client.rest.channels.createInvite(demo.channels.welcome as string, {
			maxAge: 600,
			unique: true,
		});
		const invites = await client.rest.guilds.getInvites(demo.guild.id);
		expect(invites.map((i) => i.code)).toContain(invite.code);
		const log = await client.rest.guilds.getAuditLog(demo.guild.id, { limit: 5 });
		expect(log.entries.length).toBeGreaterThan(0);
		const dm = await client.rest.users.createDM(demo.member.id);
		expect(dm.recipient?.id).toBe(demo.member.id);
		await client.rest.channels.deleteMessage(general, message.id);
	});

	it('resumes after a dropped connection and replays the event it missed', async () => {
		const resumed = next(client, 'shardResume');
		await control.dropGateway();
		// Sent while the socket is gone: the session buffers it for the RESUME.
		const missed = next<[Member]>(client, 'guildMemberAdd', (m) => m.user.username === 'while-away');
		const { user } = await control.join(demo.guild.id, { user: { username: 'while-away' } });
		await resumed;
		const [member] = await missed;
		expect(member.id).toBe(user.id);
		const sessions = (await control.call('GET', '/gateway/sessions')) as { connected: boolean }[];
		expect(sessions.filter((s) => s.connected)).toHaveLength(1);
	});
});
