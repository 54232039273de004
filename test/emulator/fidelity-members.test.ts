import { type Client, Events, type Guild, type GuildAuditLogsEntry, GuildMemberFlags } from 'discord.js';
import { AuditLogEvent, RESTJSONErrorCodes as C, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { Emulator } from '../../src/emulator/emulator.ts';
import type { SeedResult } from '../../src/emulator/seed.ts';
import { connectClient } from '../../src/emulator/testing/client.ts';
import { expectApiError, nextEvent } from './guilds-helpers.ts';

/** Joins, screening, member flags and the audit log as verification and invite plugins meet them. */
describe('members, screening and the audit log through discord.js', () => {
	let emulator: Emulator;
	let control: EmulatorControl;
	let client: Client<true>;
	let demo: SeedResult;
	let guild: Guild;

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true });
		control = new EmulatorControl(emulator.url);
		client = await connectClient(emulator);
		demo = emulator.demo as SeedResult;
		guild = client.guilds.cache.get(demo.guild.id) as Guild;
	});
	afterAll(async () => {
		await client?.destroy();
		await emulator?.close();
	});

	const setBotPermissions = (permissions: bigint) =>
		control.call('PATCH', `/guilds/${guild.id}/roles/${demo.roles.Foyer}`, { permissions: permissions.toString() });

	it('resends GUILD_MEMBER_ADD for an existing member when asked (duplicate)', async () => {
		const { user } = await control.join(guild.id, { user: { username: 'twice' } });
		const again = nextEvent(client, Events.GuildMemberAdd, (m) => m.id === user.id);
		await control.join(guild.id, { user_id: user.id, duplicate: true });
		const [member] = await again;
		expect(member.guild.id).toBe(guild.id);
		expect((await control.guild(guild.id)).members.filter((m: { id: string }) => m.id === user.id)).toHaveLength(1);
	});

	it('resends GUILD_MEMBER_ADD for a seeded share of joins in the quirks mode, and for none by default', async () => {
		const counts = new Map<string, number>();
		const onAdd = (m: { id: string }) => counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
		client.on(Events.GuildMemberAdd, onAdd);
		await control.call('PUT', '/quirks', { member_add_resend_share: 0.5, seed: 7 });
		const ids: string[] = [];
		for (let i = 0; i < 40; i++) ids.push((await control.join(guild.id, { user: { username: `q${i}` } })).user.id);
		await control.call('PUT', '/quirks', { member_add_resend_share: 0 });
		const plain = (await control.join(guild.id, { user: { username: 'plain' } })).user.id;
		// Events of one session arrive in order: once the last join is seen, every resend before it is too.
		await vi.waitFor(() => expect(counts.get(plain)).toBe(1));
		client.off(Events.GuildMemberAdd, onAdd);
		const twice = ids.filter((id) => counts.get(id) === 2).length;
		expect(twice).toBeGreaterThan(5);
		expect(twice).toBeLessThan(35);
		expect(ids.every((id) => (counts.get(id) ?? 0) >= 1)).toBe(true);
		expect(counts.get(plain)).toBe(1);
		const bad = await control.call('PUT', '/quirks', { member_add_resend_share: 2 }).catch((e) => e);
		expect(bad.status).toBe(400);
		expect(bad.body.message).toContain('member_add_resend_share');
	});

	it('joins members as pending under membership screening; completing it flips pending with GUILD_MEMBER_UPDATE', async () => {
		await control.call('PATCH', `/guilds/${guild.id}`, { screening: true });
		const added = nextEvent(client, Events.GuildMemberAdd);
		const { user } = await control.join(guild.id, { user: { username: 'screened' } });
		const [member] = await added;
		expect(member.pending).toBe(true);
		expect((await guild.fetch()).features).toContain('MEMBER_VERIFICATION_GATE_ENABLED');
		const updated = nextEvent(client, Events.GuildMemberUpdate, (_old, m) => m.id === user.id);
		await control.call('POST', `/guilds/${guild.id}/members/${user.id}/screening`, {});
		const [before, after] = await updated;
		expect(before.pending).toBe(true);
		expect(after.pending).toBe(false);
		expect(after.flags.has(GuildMemberFlags.CompletedOnboarding)).toBe(true);
		const twice = await control.call('POST', `/guilds/${guild.id}/members/${user.id}/screening`, {}).catch((e) => e);
		expect(twice.status).toBe(400);
		await control.call('PATCH', `/guilds/${guild.id}`, { screening: false });
	});

	it('sets DID_REJOIN on a member who left and came back', async () => {
		const { user } = await control.join(guild.id, { user: { username: 'boomerang' } });
		expect((await guild.members.fetch(user.id)).flags.has(GuildMemberFlags.DidRejoin)).toBe(false);
		await control.leave(guild.id, user.id);
		const back = nextEvent(client, Events.GuildMemberAdd, (m) => m.id === user.id);
		await control.join(guild.id, { user_id: user.id });
		const [member] = await back;
		expect(member.flags.has(GuildMemberFlags.DidRejoin)).toBe(true);
	});

	it('lets the bot set BYPASSES_VERIFICATION (and only it) with Manage Guild, refuses it without the permissions', async () => {
		const { user } = await control.join(guild.id, { user: { username: 'exempt' } });
		const member = await guild.members.fetch(user.id);
		const edited = await member.edit({ flags: GuildMemberFlags.BypassesVerification | GuildMemberFlags.DidRejoin });
		expect(edited.flags.has(GuildMemberFlags.BypassesVerification)).toBe(true);
		expect(edited.flags.has(GuildMemberFlags.DidRejoin)).toBe(false);
		await setBotPermissions(P.ViewChannel | P.KickMembers);
		try {
			await expectApiError(member.edit({ flags: 0 }), C.MissingPermissions, 403);
		} finally {
			await setBotPermissions(emulator.defaultApp.defaultPermissions);
		}
	});

	it('writes MEMBER_KICK (20) and MEMBER_ROLE_UPDATE (25) with $add/$remove, and INVITE_CREATE/DELETE (40/42)', async () => {
		const { user } = await control.join(guild.id, { user: { username: 'audited' } });
		const member = await guild.members.fetch(user.id);
		await member.roles.add(demo.roles.Verified as string, 'passed the captcha');
		await member.roles.remove(demo.roles.Verified as string);
		const welcome = demo.channels.welcome as string;
		const invite = await guild.invites.create(welcome, { maxUses: 5, maxAge: 3600, unique: true });
		await guild.invites.delete(invite.code, 'cleanup');
		await member.kick('spam');
		const logs = await guild.fetchAuditLogs({ limit: 10 });
		const find = (type: AuditLogEvent) => [...logs.entries.values()].filter((e) => e.action === type);
		const [removed, added] = find(AuditLogEvent.MemberRoleUpdate);
		expect(added?.changes).toEqual([{ key: '$add', new: [{ id: demo.roles.Verified, name: 'Verified' }] }]);
		expect(added?.reason).toBe('passed the captcha');
		expect(removed?.changes).toEqual([{ key: '$remove', new: [{ id: demo.roles.Verified, name: 'Verified' }] }]);
		expect(find(AuditLogEvent.MemberKick)[0]?.targetId).toBe(user.id);
		const created = find(AuditLogEvent.InviteCreate)[0] as GuildAuditLogsEntry;
		expect(created.changes).toContainEqual({ key: 'max_uses', new: 5 });
		expect(find(AuditLogEvent.InviteDelete)[0]?.reason).toBe('cleanup');
	});

	it('sends GUILD_AUDIT_LOG_ENTRY_CREATE to a bot with View Audit Log, not to one without', async () => {
		const seen = nextEvent(client, Events.GuildAuditLogEntryCreate, (e) => e.action === AuditLogEvent.RoleCreate);
		await control.call('POST', `/guilds/${guild.id}/roles`, { name: 'watched' });
		const [entry] = await seen;
		expect(entry.executorId).toBe(demo.owner.id);
		await setBotPermissions(P.ViewChannel);
		const entries: string[] = [];
		const onEntry = (e: GuildAuditLogsEntry) => entries.push(e.id);
		client.on(Events.GuildAuditLogEntryCreate, onEntry);
		try {
			await control.call('POST', `/guilds/${guild.id}/roles`, { name: 'unwatched' });
			// A later event on the same session proves the entry would have arrived before it.
			const marker = nextEvent(client, Events.GuildMemberAdd);
			await control.join(guild.id, { user: { username: 'marker' } });
			await marker;
			expect(entries).toHaveLength(0);
		} finally {
			client.off(Events.GuildAuditLogEntryCreate, onEntry);
			await setBotPermissions(emulator.defaultApp.defaultPermissions);
		}
	});

	it('keeps audit log entries for 45 days on the emulator clock', async () => {
		await control.call('POST', `/guilds/${guild.id}/roles`, { name: 'old news' });
		const find = async () =>
			[...(await guild.fetchAuditLogs({ type: AuditLogEvent.RoleCreate, limit: 100 })).entries.values()].some((e) =>
				e.changes.some((c) => c.new === 'old news'),
			);
		expect(await find()).toBe(true);
		await control.advanceClock(44 * 86_400_000);
		expect(await find()).toBe(true);
		await control.advanceClock(2 * 86_400_000);
		expect(await find()).toBe(false);
	});
});
