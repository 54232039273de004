import { type Client, Events, type Guild, Routes } from 'discord.js';
import { AuditLogEvent, GatewayDispatchEvents, PermissionFlagsBits, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.ts';
import type { SeedResult } from '../../src/emulator/seed.ts';
import { connectClient } from '../../src/emulator/testing/client.ts';
import type { EmRole } from '../../src/emulator/world/types.ts';
import { dispatchesDuring, expectApiError, nextEvent } from './guilds-helpers.ts';

const C = RESTJSONErrorCodes;

describe('guild and member routes driven by a discord.js client', () => {
	let emulator: Emulator;
	let client: Client<true>;
	let demo: SeedResult;
	let guild: Guild;
	let botRole: EmRole;

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true });
		client = await connectClient(emulator);
		demo = emulator.demo as SeedResult;
		guild = client.guilds.cache.get(demo.guild.id) as Guild;
		botRole = [...demo.guild.roles.values()].find((r) => r.botId === client.user.id) as EmRole;
	});

	afterAll(async () => {
		await client?.destroy();
		await emulator?.close();
	});

	/** A plain role placed `offset` above the bot's highest role by the emulator itself. */
	function roleAtBot(name: string, offset: number): EmRole {
		const role = emulator.world.createRole(demo.guild.id, { name }, null);
		return emulator.world.updateRole(demo.guild.id, role.id, { position: botRole.position + offset }, null);
	}

	async function newMember(username: string) {
		const user = emulator.world.createUser({ username });
		const added = nextEvent(client, Events.GuildMemberAdd, (m) => m.id === user.id);
		emulator.world.join(demo.guild.id, user.id);
		const [member] = await added;
		return member;
	}

	describe('GET /guilds/:id', () => {
		it('returns the guild with approximate counts when asked with_counts', async () => {
			const fetched = await client.guilds.fetch({ guild: demo.guild.id, withCounts: true, force: true });
			expect(fetched.name).toBe('Foyer Demo');
			expect(fetched.approximateMemberCount).toBe(demo.guild.members.size);
			expect(fetched.vanityURLCode).toBe('foyer-demo');
			const plain = (await client.rest.get(Routes.guild(demo.guild.id))) as Record<string, unknown>;
			expect(plain).not.toHaveProperty('approximate_member_count');
		});

		it('answers 10004 for an unknown guild and 50001 for a guild the bot is not in', async () => {
			await expectApiError(client.guilds.fetch({ guild: '1', force: true }), C.UnknownGuild, 404);
			const elsewhere = emulator.world.createGuild({ name: 'Elsewhere', appIds: [] });
			await expectApiError(client.guilds.fetch({ guild: elsewhere.id, force: true }), C.MissingAccess, 403);
		});
	});

	describe('member roles', () => {
		it('adds a role: the client sees guildMemberUpdate, the world and the audit log record it', async () => {
			const vip = demo.roles.VIP as string;
			const member = await guild.members.fetch(demo.member.id);
			const updated = nextEvent(client, Events.GuildMemberUpdate, (_, m) => m.id === demo.member.id);
			await member.roles.add(vip, 'earned it');
			const [, after] = await updated;
			expect(after.roles.cache.has(vip)).toBe(true);
			expect(guild.members.cache.get(demo.member.id)?.roles.cache.has(vip)).toBe(true);
			expect(emulator.world.member(demo.guild.id, demo.member.id).roles).toContain(vip);
			const logs = await guild.fetchAuditLogs({ type: AuditLogEvent.MemberRoleUpdate, limit: 1 });
			const entry = logs.entries.first();
			expect(entry?.executorId).toBe(client.user.id);
			expect(entry?.targetId).toBe(demo.member.id);
			expect(entry?.reason).toBe('earned it');
			expect(entry?.changes).toEqual([{ key: '$add', new: [{ id: vip, name: 'VIP' }] }]);
		});

		it('treats adding a role the member already has as a 204 without any event', async () => {
			const held = demo.roles.Member as string;
			expect(emulator.world.member(demo.guild.id, demo.member.id).roles).toContain(held);
			const events = await dispatchesDuring(emulator.world, () =>
				client.rest.put(Routes.guildMemberRole(demo.guild.id, demo.member.id, held)),
			);
			expect(events).toEqual([]);
		});

		it('removes one role with member.roles.remove and adds several with one PATCH', async () => {
			const vip = demo.roles.VIP as string;
			const verified = demo.roles.Verified as string;
			const plain = demo.roles.Member as string;
			const member = await guild.members.fetch(demo.member.id);
			const removed = nextEvent(client, Events.GuildMemberUpdate, (_, m) => !m.roles.cache.has(vip));
			await member.roles.remove(vip);
			await removed;
			// roles.add with a list PATCHes the whole role list, @everyone included, as discord.js does.
			const both = nextEvent(client, Events.GuildMemberUpdate, (_, m) => m.roles.cache.has(verified));
			await member.roles.add([verified, vip]);
			const [, after] = await both;
			expect([...after.roles.cache.keys()].sort()).toEqual([plain, verified, vip, demo.guild.id].sort());
			expect(emulator.world.member(demo.guild.id, demo.member.id).roles.sort()).toEqual([plain, verified, vip].sort());
		});

		it.each([
			['at', 0],
			['above', 1],
		])('refuses a role %s the bot’s highest role with 50013 and changes nothing', async (_, offset) => {
			const role = roleAtBot(`hierarchy-${offset}`, offset);
			const member = await guild.members.fetch(demo.member.id);
			const before = [...emulator.world.member(demo.guild.id, demo.member.id).roles];
			const events = await dispatchesDuring(emulator.world, async () => {
				await expectApiError(member.roles.add(role.id), C.MissingPermissions, 403);
				await expectApiError(member.edit({ roles: [...before, role.id] }), C.MissingPermissions, 403);
			});
			expect(events.filter((e) => e.t === GatewayDispatchEvents.GuildMemberUpdate)).toEqual([]);
			expect(emulator.world.member(demo.guild.id, demo.member.id).roles).toEqual(before);
		});

		it('refuses managed roles and @everyone with 50013, and an unknown role with 10011', async () => {
			const member = await guild.members.fetch(demo.member.id);
			await expectApiError(member.roles.add(botRole.id), C.MissingPermissions);
			await expectApiError(
				client.rest.put(Routes.guildMemberRole(demo.guild.id, demo.member.id, demo.guild.id)),
				C.MissingPermissions,
			);
			await expectApiError(member.roles.add('123456789012345678'), C.UnknownRole, 404);
			await expectApiError(
				client.rest.put(Routes.guildMemberRole(demo.guild.id, '123456789012345678', demo.roles.VIP as string)),
				C.UnknownMember,
				404,
			);
		});
	});

	describe('nicknames', () => {
		it('needs Manage Nicknames for a member’s nickname, only Change Nickname for the bot’s own', async () => {
			const member = await guild.members.fetch(demo.member.id);
			await expectApiError(member.edit({ nick: 'Renamed' }), C.MissingPermissions, 403);
			// discord.js renames its own member through /members/@me, which needs only Change Nickname.
			const me = await guild.members.fetchMe();
			const mine = await me.setNickname('Doorman');
			expect(mine.nickname).toBe('Doorman');
			expect(emulator.world.member(demo.guild.id, client.user.id).nick).toBe('Doorman');
			const perms = botRole.permissions | PermissionFlagsBits.ManageNicknames;
			emulator.world.updateRole(demo.guild.id, botRole.id, { permissions: perms }, null);
			const renamed = nextEvent(client, Events.GuildMemberUpdate, (_, m) => m.nickname === 'Renamed');
			const edited = await member.edit({ nick: 'Renamed' });
			expect(edited.nickname).toBe('Renamed');
			await renamed;
			expect(emulator.world.member(demo.guild.id, demo.member.id).nick).toBe('Renamed');
		});

		it('refuses the owner’s nickname with 50013 and a 33-character nickname with 50035', async () => {
			const owner = await guild.members.fetch(demo.owner.id);
			await expectApiError(owner.edit({ nick: 'Boss' }), C.MissingPermissions, 403);
			expect(emulator.world.member(demo.guild.id, demo.owner.id).nick).toBeNull();
			const member = await guild.members.fetch(demo.member.id);
			await expectApiError(member.edit({ nick: 'x'.repeat(33) }), C.InvalidFormBodyOrContentType, 400);
		});
	});

	describe('kicks', () => {
		it('kicks a member: guildMemberRemove reaches the client and the audit log has the reason', async () => {
			const member = await newMember('kick-me');
			const removed = nextEvent(client, Events.GuildMemberRemove, (m) => m.id === member.id);
			await member.kick('spam');
			await removed;
			expect(demo.guild.members.has(member.id)).toBe(false);
			const logs = await guild.fetchAuditLogs({ type: AuditLogEvent.MemberKick, limit: 1 });
			expect(logs.entries.first()?.targetId).toBe(member.id);
			expect(logs.entries.first()?.reason).toBe('spam');
		});

		it('refuses to kick the owner or a member whose top role is not below the bot’s (50013)', async () => {
			const owner = await guild.members.fetch(demo.owner.id);
			await expectApiError(owner.kick(), C.MissingPermissions, 403);
			const admin = await guild.members.fetch(demo.admin.id);
			const high = roleAtBot('kick-shield', 1);
			emulator.world.updateMember(demo.guild.id, demo.admin.id, { roles: [high.id] }, null);
			await expectApiError(admin.kick(), C.MissingPermissions, 403);
			expect(demo.guild.members.has(demo.owner.id) && demo.guild.members.has(demo.admin.id)).toBe(true);
			await expectApiError(guild.members.kick('123456789012345678'), C.UnknownMember, 404);
		});
	});

	describe('member lists', () => {
		it('fetches one member by id, and 10007 for someone who is not a member', async () => {
			const fetched = await guild.members.fetch({ user: demo.admin.id, force: true });
			expect(fetched.user.username).toBe('demo-admin');
			await expectApiError(guild.members.fetch({ user: '123456789012345678', force: true }), C.UnknownMember, 404);
		});

		it('lists members in ascending id order, paging with after', async () => {
			const first = await guild.members.list({ limit: 5, cache: false });
			const ids = [...first.keys()];
			expect(ids).toHaveLength(5);
			expect(ids).toEqual([...ids].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
			const next = await guild.members.list({ limit: 5, after: ids[4] as string, cache: false });
			expect(BigInt(next.firstKey() as string)).toBeGreaterThan(BigInt(ids[4] as string));
			const all = await guild.members.list({ limit: 1000, cache: false });
			expect(all.size).toBe(demo.guild.members.size);
		});

		it('refuses to list members when the app lacks the GUILD_MEMBERS intent (50001)', async () => {
			const saved = emulator.defaultApp.privilegedIntents;
			emulator.defaultApp.privilegedIntents = 0;
			try {
				await expectApiError(guild.members.list({ limit: 10 }), C.MissingAccess, 403);
			} finally {
				emulator.defaultApp.privilegedIntents = saved;
			}
		});

		it('searches by username or nickname prefix, case-insensitively', async () => {
			const found = await guild.members.search({ query: 'DEMO-', limit: 10, cache: false });
			expect([...found.values()].map((m) => m.user.username).sort()).toEqual([
				'demo-admin',
				'demo-member',
				'demo-owner',
			]);
			emulator.world.updateMember(demo.guild.id, demo.admin.id, { nick: 'Gatekeeper' }, null);
			const byNick = await guild.members.search({ query: 'gate', limit: 10, cache: false });
			expect([...byNick.keys()]).toEqual([demo.admin.id]);
			await expectApiError(client.rest.get(Routes.guildMembersSearch(demo.guild.id)), 50035, 400);
		});
	});
});
