import { type Client, Events, type Guild, PermissionFlagsBits, type TextChannel } from 'discord.js';
import { AuditLogEvent, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.ts';
import type { SeedResult } from '../../src/emulator/seed.ts';
import { connectClient } from '../../src/emulator/testing/client.ts';
import { expectApiError, nextEvent } from './guilds-helpers.ts';

const C = RESTJSONErrorCodes;

describe('invite, vanity and audit log routes driven by a discord.js client', () => {
	let emulator: Emulator;
	let client: Client<true>;
	let demo: SeedResult;
	let guild: Guild;
	let welcome: TextChannel;

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true });
		client = await connectClient(emulator);
		demo = emulator.demo as SeedResult;
		guild = client.guilds.cache.get(demo.guild.id) as Guild;
		welcome = guild.channels.cache.get(demo.channels.welcome as string) as TextChannel;
	});

	afterAll(async () => {
		await client?.destroy();
		await emulator?.close();
	});

	const join = (username: string, opts: { inviteCode?: string; vanity?: boolean }) =>
		emulator.world.join(demo.guild.id, emulator.world.createUser({ username }).id, opts);

	it('creates an invite: inviteCreate arrives and guild.invites.fetch lists it with 0 uses', async () => {
		const announced = nextEvent(client, Events.InviteCreate);
		const invite = await welcome.createInvite({ maxAge: 0, unique: true, reason: 'open house' });
		const [seen] = await announced;
		expect(seen.code).toBe(invite.code);
		expect(invite.inviterId).toBe(client.user.id);
		expect(invite.maxAge).toBe(0);
		const listed = (await guild.invites.fetch({ cache: false })).get(invite.code);
		expect(listed?.uses).toBe(0);
		expect(listed?.channelId).toBe(welcome.id);
		const inChannel = await guild.invites.fetch({ channelId: welcome.id, cache: false });
		expect(inChannel.has(invite.code)).toBe(true);
	});

	it('counts a join through the invite in the uses guild.invites.fetch reports', async () => {
		const invite = await welcome.createInvite({ maxAge: 3600, unique: true });
		join('invited-guest', { inviteCode: invite.code });
		const listed = (await guild.invites.fetch({ cache: false })).get(invite.code);
		expect(listed?.uses).toBe(1);
		const fetched = await client.fetchInvite(invite.code);
		expect(fetched.memberCount).toBe(demo.guild.members.size);
		expect(fetched.guild?.id).toBe(demo.guild.id);
	});

	it('deletes a max_uses 1 invite after one join: the client receives inviteDelete', async () => {
		const invite = await welcome.createInvite({ maxUses: 1, unique: true });
		const deleted = nextEvent(client, Events.InviteDelete, (i) => i.code === invite.code);
		join('one-time-guest', { inviteCode: invite.code });
		await deleted;
		expect((await guild.invites.fetch({ cache: false })).has(invite.code)).toBe(false);
		await expectApiError(client.fetchInvite(invite.code), C.UnknownInvite, 404);
	});

	it('reuses a live invite with the same settings unless unique is set, as Discord does', async () => {
		const first = await welcome.createInvite({ maxAge: 600, maxUses: 5 });
		const again = await welcome.createInvite({ maxAge: 600, maxUses: 5 });
		const fresh = await welcome.createInvite({ maxAge: 600, maxUses: 5, unique: true });
		expect(again.code).toBe(first.code);
		expect(fresh.code).not.toBe(first.code);
	});

	it('deletes an invite with invite.delete: inviteDelete arrives and the code is unknown afterwards', async () => {
		const invite = await welcome.createInvite({ unique: true });
		const deleted = nextEvent(client, Events.InviteDelete, (i) => i.code === invite.code);
		await invite.delete('expired campaign');
		await deleted;
		expect(emulator.world.invites.has(invite.code)).toBe(false);
		await expectApiError(client.fetchInvite(invite.code), C.UnknownInvite, 404);
		const entry = (await guild.fetchAuditLogs({ type: AuditLogEvent.InviteDelete, limit: 1 })).entries.first();
		expect(entry?.reason).toBe('expired campaign');
	});

	it('refuses an invite in a channel where the bot is denied Create Instant Invite (50013)', async () => {
		const channel = emulator.world.channel(demo.channels.rules as string);
		channel.overwrites.push({
			id: client.user.id,
			type: 1,
			allow: 0n,
			deny: PermissionFlagsBits.CreateInstantInvite,
		});
		const rules = guild.channels.cache.get(channel.id) as TextChannel;
		const before = emulator.world.invites.size;
		await expectApiError(rules.createInvite({ unique: true }), C.MissingPermissions, 403);
		expect(emulator.world.invites.size).toBe(before);
		await expectApiError(welcome.createInvite({ maxAge: 604_801 }), C.InvalidFormBodyOrContentType, 400);
	});

	it('shows vanity uses after a join through the vanity URL', async () => {
		const before = await guild.fetchVanityData();
		expect(before.code).toBe('foyer-demo');
		join('vanity-guest', { vanity: true });
		const after = await guild.fetchVanityData();
		expect(after.uses).toBe(before.uses + 1);
	});

	it('returns InviteCreate entries with the inviter from the audit log, newest first', async () => {
		const older = await welcome.createInvite({ unique: true });
		const newer = await welcome.createInvite({ unique: true, reason: 'second wave' });
		const logs = await guild.fetchAuditLogs({ type: AuditLogEvent.InviteCreate, limit: 2 });
		const [latest, previous] = [...logs.entries.values()];
		expect(latest?.executorId).toBe(client.user.id);
		expect(latest?.executor?.username).toBe(client.user.username);
		expect(latest?.reason).toBe('second wave');
		expect(latest?.changes).toContainEqual({ key: 'code', new: newer.code });
		expect(latest?.changes).toContainEqual({ key: 'inviter_id', new: client.user.id });
		expect(previous?.changes).toContainEqual({ key: 'code', new: older.code });
		const byUser = await guild.fetchAuditLogs({ user: demo.owner.id, type: AuditLogEvent.InviteCreate });
		expect(byUser.entries.size).toBe(0);
	});

	it('pages the audit log: after gives the oldest entries first', async () => {
		const newest = await guild.fetchAuditLogs({ limit: 3 });
		const ids = [...newest.entries.keys()];
		expect(ids).toEqual([...ids].sort((a, b) => (BigInt(a) > BigInt(b) ? -1 : 1)));
		const oldest = await guild.fetchAuditLogs({ after: '0', limit: 3 });
		const ascending = [...oldest.entries.keys()];
		expect(ascending).toEqual([...ascending].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
		expect(ascending[0]).toBe(demo.guild.auditLog[0]?.id);
	});
});
