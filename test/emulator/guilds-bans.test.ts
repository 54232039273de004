import { type Client, Events, type Guild } from 'discord.js';
import { AuditLogEvent, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.ts';
import { ApiError } from '../../src/emulator/errors.ts';
import type { SeedResult } from '../../src/emulator/seed.ts';
import { connectClient } from '../../src/emulator/testing/client.ts';
import { expectApiError, nextEvent } from './guilds-helpers.ts';

const C = RESTJSONErrorCodes;

describe('ban routes driven by a discord.js client', () => {
	let emulator: Emulator;
	let client: Client<true>;
	let demo: SeedResult;
	let guild: Guild;

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true });
		client = await connectClient(emulator);
		demo = emulator.demo as SeedResult;
		guild = client.guilds.cache.get(demo.guild.id) as Guild;
	});

	afterAll(async () => {
		await client?.destroy();
		await emulator?.close();
	});

	async function newMember(username: string) {
		const user = emulator.world.createUser({ username });
		const added = nextEvent(client, Events.GuildMemberAdd, (m) => m.id === user.id);
		emulator.world.join(demo.guild.id, user.id);
		await added;
		return user;
	}

	it('bans a member: guildBanAdd and guildMemberRemove arrive, and the user cannot join again', async () => {
		const user = await newMember('troublemaker');
		const banned = nextEvent(client, Events.GuildBanAdd, (b) => b.user.id === user.id);
		const removed = nextEvent(client, Events.GuildMemberRemove, (m) => m.id === user.id);
		await guild.bans.create(user.id, { reason: 'raiding' });
		await Promise.all([banned, removed]);
		expect(demo.guild.members.has(user.id)).toBe(false);
		expect(guild.members.cache.has(user.id)).toBe(false);
		expect(() => emulator.world.join(demo.guild.id, user.id)).toThrow(ApiError);
		const ban = await guild.bans.fetch({ user: user.id, force: true });
		expect(ban.reason).toBe('raiding');
		const entry = (await guild.fetchAuditLogs({ type: AuditLogEvent.MemberBanAdd, limit: 1 })).entries.first();
		expect(entry?.targetId).toBe(user.id);
		expect(entry?.executorId).toBe(client.user.id);
	});

	it('deletes the banned user’s recent messages when asked, announced as messageDeleteBulk', async () => {
		const user = await newMember('spammer');
		const channelId = demo.channels.general as string;
		const spam = ['buy', 'now'].map((content) =>
			emulator.world.storeMessage(emulator.world.newMessage({ channelId, authorId: user.id, content })),
		);
		const bulk = nextEvent(client, Events.MessageBulkDelete, (messages) => messages.has(spam[0]?.id as string));
		await guild.bans.create(user.id, { deleteMessageSeconds: 3600 });
		const [messages] = await bulk;
		expect([...messages.keys()].sort()).toEqual(spam.map((m) => m.id).sort());
		expect(spam.some((m) => emulator.world.channel(channelId).messages.has(m.id))).toBe(false);
	});

	it('refuses to ban the owner (50013) and an out-of-range delete_message_seconds (50035)', async () => {
		await expectApiError(guild.bans.create(demo.owner.id), C.MissingPermissions, 403);
		await expectApiError(
			guild.bans.create(demo.member.id, { deleteMessageSeconds: 604_801 }),
			C.InvalidFormBodyOrContentType,
			400,
		);
		expect(demo.guild.bans.has(demo.owner.id) || demo.guild.bans.has(demo.member.id)).toBe(false);
	});

	it('bans a user who is not a member and lists bans in ascending id order', async () => {
		const outsider = emulator.world.createUser({ username: 'outsider' });
		await guild.bans.create(outsider.id);
		const bans = await guild.bans.fetch({ limit: 1000, cache: false });
		const ids = [...bans.keys()];
		expect(ids).toContain(outsider.id);
		expect(ids).toEqual([...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
		const first = await guild.bans.fetch({ limit: 1, cache: false });
		expect([...first.keys()]).toEqual(ids.slice(0, 1));
	});

	it('unbans: guildBanRemove arrives and the ban is gone (10026 afterwards)', async () => {
		const outsider = emulator.world.createUser({ username: 'forgiven' });
		await guild.bans.create(outsider.id);
		const lifted = nextEvent(client, Events.GuildBanRemove, (b) => b.user.id === outsider.id);
		await guild.bans.remove(outsider.id, 'appeal accepted');
		await lifted;
		await expectApiError(guild.bans.fetch({ user: outsider.id, force: true }), C.UnknownBan, 404);
		await expectApiError(guild.bans.remove(outsider.id), C.UnknownBan, 404);
		expect(emulator.world.join(demo.guild.id, outsider.id).userId).toBe(outsider.id);
	});
});
