import { type Client, Events, type GuildMember, type Invite } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { Emulator } from '../../src/emulator/emulator.ts';
import { connectClient } from '../../src/emulator/testing/client.ts';

/** Resolves with the next `event` that passes `filter`, or rejects after `ms`. */
function next<T>(
	client: Client,
	event: string,
	filter: (...args: unknown[]) => boolean = () => true,
	ms = 3000,
): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			client.off(event as never, handler);
			reject(new Error(`no ${event} within ${ms} ms`));
		}, ms);
		const handler = (...args: unknown[]) => {
			if (!filter(...args)) return;
			clearTimeout(timer);
			client.off(event as never, handler);
			resolve(args[0] as T);
		};
		client.on(event as never, handler);
	});
}

describe('discord.js cache state after emulated activity', () => {
	let emulator: Emulator;
	let control: EmulatorControl;
	let client: Client<true>;
	let guildId: string;

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true, heartbeatIntervalMs: 1000 });
		control = new EmulatorControl(emulator.url);
		client = await connectClient(emulator);
		guildId = emulator.demo?.guild.id as string;
	});
	afterAll(async () => {
		await client?.destroy();
		await emulator?.close();
	});

	it('tracks joins, role changes and leaves in the member cache', async () => {
		const guild = client.guilds.cache.get(guildId);
		const before = guild?.memberCount ?? 0;
		const added = next<GuildMember>(client, Events.GuildMemberAdd);
		const joined = await control.join(guildId, { user: { username: 'cache-a', account_age_days: 2 } });
		const member = await added;
		expect(member.id).toBe(joined.user.id);
		expect(member.user.createdTimestamp).toBeGreaterThan(Date.now() - 3 * 86_400_000);
		expect(guild?.memberCount).toBe(before + 1);

		const vip = emulator.demo?.roles.VIP as string;
		const updated = next<GuildMember>(client, Events.GuildMemberUpdate);
		await control.setMemberRoles(guildId, member.id, [vip]);
		await updated;
		expect(guild?.members.cache.get(member.id)?.roles.cache.has(vip)).toBe(true);

		const removed = next<GuildMember>(client, Events.GuildMemberRemove);
		await control.leave(guildId, member.id);
		await removed;
		expect(guild?.members.cache.has(member.id)).toBe(false);
		expect(guild?.memberCount).toBe(before);
	});

	it('sees a one-use invite created, used once and deleted', async () => {
		const created = next<Invite>(client, Events.InviteCreate);
		const invite = await control.createInvite(guildId, { inviter_id: emulator.demo?.member.id, max_uses: 1 });
		expect((await created).code).toBe(invite.code);
		const deleted = next<Invite>(client, Events.InviteDelete);
		await control.join(guildId, { user: { username: 'one-use' }, invite_code: invite.code });
		expect((await deleted).code).toBe(invite.code);
		const state = await control.guild(guildId);
		expect(state.invites.find((i: { code: string }) => i.code === invite.code)).toBeUndefined();
		await expect(control.join(guildId, { user: { username: 'too-late' }, invite_code: invite.code })).rejects.toThrow(
			/Unknown Invite/,
		);
	});

	it('counts invite uses and vanity uses, and lets an expired invite vanish', async () => {
		const invite = await control.createInvite(guildId, { max_age: 60 });
		await control.join(guildId, { user: {}, invite_code: invite.code });
		await control.join(guildId, { user: {}, invite_code: invite.code });
		await control.join(guildId, { user: {}, vanity: true });
		const state = await control.guild(guildId);
		expect(state.invites.find((i: { code: string }) => i.code === invite.code)?.uses).toBe(2);
		expect(state.vanity_uses).toBe(1);
		await control.advanceClock(61_000);
		expect(
			(await control.guild(guildId)).invites.find((i: { code: string }) => i.code === invite.code),
		).toBeUndefined();
	});

	it('resumes after the control API drops the connection, missing nothing', async () => {
		const resumed = next(client, Events.ShardResume, () => true, 10_000);
		const seen: string[] = [];
		const onAdd = (m: GuildMember) => seen.push(m.user.username);
		client.on(Events.GuildMemberAdd, onAdd);
		await control.dropGateway();
		for (let i = 0; i < 5; i++) await control.join(guildId, { user: { username: `while-down-${i}` } });
		await resumed;
		const deadline = Date.now() + 5000;
		while (seen.length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
		client.off(Events.GuildMemberAdd, onAdd);
		expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => `while-down-${i}`));
	});

	it('reconnects on op 7 and keeps receiving events', async () => {
		const resumed = next(client, Events.ShardResume, () => true, 10_000);
		await control.reconnectGateway();
		await resumed;
		const added = next<GuildMember>(client, Events.GuildMemberAdd);
		await control.join(guildId, { user: { username: 'after-op7' } });
		expect((await added).user.username).toBe('after-op7');
	});

	it('rejects bad control calls with a 4xx and a message, changing nothing', async () => {
		const before = (await control.guild(guildId)).member_count;
		await expect(control.call('POST', '/guilds/123456789012345678/joins', { user: {} })).rejects.toThrow(
			/Unknown Guild/,
		);
		await expect(
			control.call('POST', `/guilds/${guildId}/joins`, { user: { account_age_days: 'old' } }),
		).rejects.toThrow(/account_age_days/);
		await expect(
			control.call('POST', `/guilds/${guildId}/joins`, { user: {}, invite_code: 'missing' }),
		).rejects.toThrow(/Unknown Invite/);
		const res = await fetch(`${emulator.url}/_emulator/guilds/${guildId}/joins`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{oops',
		});
		expect(res.status).toBe(400);
		expect(((await res.json()) as { message: string }).message).toMatch(/invalid JSON/);
		expect((await control.guild(guildId)).member_count).toBe(before);
	});
});
