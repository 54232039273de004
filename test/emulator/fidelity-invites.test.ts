import { type Client, Events, type Guild, type Invite, Routes, type TextChannel } from 'discord.js';
import { AuditLogEvent, RESTJSONErrorCodes as C, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlError, EmulatorControl } from '../../src/emulator/control-client.ts';
import { Emulator } from '../../src/emulator/emulator.ts';
import type { SeedResult } from '../../src/emulator/seed.ts';
import { connectClient } from '../../src/emulator/testing/client.ts';
import { expectApiError, nextEvent } from './guilds-helpers.ts';

/** Invites as Discord documents them (Invite Resource, Gateway Events: Invites), seen through discord.js. */
describe('invites as an invite tracker sees them', () => {
	let emulator: Emulator;
	let control: EmulatorControl;
	let client: Client<true>;
	let demo: SeedResult;
	let guild: Guild;
	let welcome: TextChannel;
	let botRoleId: string;

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true });
		control = new EmulatorControl(emulator.url);
		client = await connectClient(emulator);
		demo = emulator.demo as SeedResult;
		guild = client.guilds.cache.get(demo.guild.id) as Guild;
		welcome = guild.channels.cache.get(demo.channels.welcome as string) as TextChannel;
		botRoleId = demo.roles.Foyer as string;
	});
	afterAll(async () => {
		await client?.destroy();
		await emulator?.close();
	});

	const setBotPermissions = (permissions: bigint) =>
		control.call('PATCH', `/guilds/${guild.id}/roles/${botRoleId}`, { permissions: permissions.toString() });
	const defaultPermissions = () => emulator.defaultApp.defaultPermissions;

	it('lists invites with uses only with Manage Guild; with View Audit Log alone, without metadata', async () => {
		const invite = await welcome.createInvite({ maxAge: 0, maxUses: 10, unique: true });
		await control.join(guild.id, { user: { username: 'counted' }, invite_code: invite.code });
		const full = (await guild.invites.fetch({ cache: false })).get(invite.code);
		expect(full?.uses).toBe(1);
		expect(full?.maxUses).toBe(10);
		await setBotPermissions(P.ViewChannel | P.ViewAuditLog);
		try {
			// Raw JSON: discord.js would merge the listing into the invite it cached on creation.
			const raw = (await client.rest.get(Routes.guildInvites(guild.id))) as Record<string, unknown>[];
			const bare = raw.find((i) => i.code === invite.code);
			expect(bare).toBeDefined();
			expect(bare).not.toHaveProperty('uses');
			expect(bare).not.toHaveProperty('max_uses');
			await setBotPermissions(P.ViewChannel);
			await expectApiError(guild.invites.fetch({ cache: false }), C.MissingPermissions, 403);
		} finally {
			await setBotPermissions(defaultPermissions());
		}
	});

	it('sends INVITE_CREATE with uses 0 only to bots with Manage Channels on the invite channel', async () => {
		const rules = guild.channels.cache.get(demo.channels.rules as string) as TextChannel;
		await rules.permissionOverwrites.edit(client.user.id, { ManageChannels: false });
		const seen: Invite[] = [];
		client.on(Events.InviteCreate, (i) => seen.push(i));
		const hidden = await control.createInvite(guild.id, { channel_id: rules.id, max_uses: 3 });
		const shown = nextEvent(client, Events.InviteCreate, (i) => i.channelId === welcome.id);
		const visible = await control.createInvite(guild.id, { channel_id: welcome.id, max_uses: 3 });
		const [created] = await shown;
		expect(created.code).toBe(visible.code);
		expect(created.uses).toBe(0);
		expect(seen.map((i) => i.code)).not.toContain(hidden.code);
		await rules.permissionOverwrites.delete(client.user.id);
	});

	it('deletes an invite at max_uses with INVITE_DELETE after the GUILD_MEMBER_ADD of the last use', async () => {
		const invite = await welcome.createInvite({ maxUses: 2, unique: true });
		const order: string[] = [];
		const onAdd = (m: { id: string }) => order.push(`add:${m.id}`);
		const onDelete = (i: Invite) => order.push(`delete:${i.code}`);
		client.on(Events.GuildMemberAdd, onAdd);
		client.on(Events.InviteDelete, onDelete);
		const deleted = nextEvent(client, Events.InviteDelete, (i) => i.code === invite.code);
		await control.join(guild.id, { user: { username: 'first-use' }, invite_code: invite.code });
		const last = await control.join(guild.id, { user: { username: 'last-use' }, invite_code: invite.code });
		await deleted;
		client.off(Events.GuildMemberAdd, onAdd);
		client.off(Events.InviteDelete, onDelete);
		expect(order.slice(-2)).toEqual([`add:${last.user.id}`, `delete:${invite.code}`]);
		await expectApiError(client.fetchInvite(invite.code), C.UnknownInvite, 404);
	});

	it('lets an expired invite vanish without INVITE_DELETE and refuses joins through it', async () => {
		const invite = await control.createInvite(guild.id, { channel_id: welcome.id, max_age: 60 });
		const deletes: string[] = [];
		const onDelete = (i: Invite) => deletes.push(i.code);
		client.on(Events.InviteDelete, onDelete);
		await control.advanceClock(61_000);
		const listed = await guild.invites.fetch({ cache: false });
		expect(listed.has(invite.code)).toBe(false);
		const refused = await control
			.join(guild.id, { user: { username: 'too-late' }, invite_code: invite.code })
			.catch((e) => e);
		expect(refused).toBeInstanceOf(ControlError);
		expect((refused as ControlError).body?.code).toBe(C.UnknownInvite);
		// An event after the expiry proves no INVITE_DELETE was queued before it.
		const marker = nextEvent(client, Events.InviteCreate);
		await welcome.createInvite({ unique: true });
		await marker;
		client.off(Events.InviteDelete, onDelete);
		expect(deletes).not.toContain(invite.code);
	});

	it('counts vanity joins only in GET /guilds/{id}/vanity-url, never in the invite list', async () => {
		const before = await guild.fetchVanityData();
		await control.join(guild.id, { user: { username: 'vanity-one' }, vanity: true });
		const after = await guild.fetchVanityData();
		expect(after.uses).toBe(before.uses + 1);
		const listed = await guild.invites.fetch({ cache: false });
		expect(listed.has('foyer-demo')).toBe(false);
		const resolved = await client.fetchInvite('foyer-demo');
		expect(resolved.uses).toBeNull();
	});

	it('grants an invite’s role_ids on join and reports the roles on the invite', async () => {
		const member = guild.roles.cache.get(demo.roles.Member as string);
		const invite = await guild.invites.create(welcome, { roles: [demo.roles.Member as string], unique: true });
		const raw = (await client.rest.get(Routes.invite(invite.code))) as { roles?: { id: string }[] };
		expect(raw.roles?.map((r) => r.id)).toEqual([demo.roles.Member]);
		const joined = nextEvent(client, Events.GuildMemberAdd);
		await control.join(guild.id, { user: { username: 'role-grant' }, invite_code: invite.code });
		const [m] = await joined;
		expect(m.roles.cache.has(member?.id as string)).toBe(true);
	});

	it('limits an invite to the users of a target_users_file CSV, readable and replaceable with job status', async () => {
		const allowed = await control.createUser({ username: 'on-the-list' });
		const other = await control.createUser({ username: 'not-on-the-list' });
		const invite = await guild.invites.create(welcome, { targetUsersFile: [allowed.id], unique: true });
		const csv = (await guild.invites.fetchTargetUsers(invite.code)).toString();
		expect(csv.split('\n')).toEqual(['user_id', allowed.id]);
		const job = await guild.invites.fetchTargetUsersJobStatus(invite.code);
		expect(job.status).toBe(2);
		expect(job.totalUsers).toBe(1);
		const refused = await control.join(guild.id, { user_id: other.id, invite_code: invite.code }).catch((e) => e);
		expect((refused as ControlError).status).toBe(403);
		await guild.invites.updateTargetUsers(invite.code, [allowed.id, other.id]);
		expect((await guild.invites.fetchTargetUsers(invite.code)).toString().split('\n')).toHaveLength(3);
		await control.join(guild.id, { user_id: other.id, invite_code: invite.code });
		const entry = (await guild.fetchAuditLogs({ type: AuditLogEvent.InviteUpdate, limit: 1 })).entries.first();
		expect(entry?.executorId).toBe(client.user.id);
	});

	it('refuses a target_users_file with bad lines, listing them (400)', async () => {
		const error = await guild.invites
			.create(welcome, { targetUsersFile: Buffer.from('user_id\n123abc\n42\n'), unique: true })
			.catch((e) => e);
		expect(error.status).toBe(400);
		expect(error.rawError.errors.target_users_file).toEqual([
			'Line 2: invalid user ID format',
			'Line 3: invalid user ID - must be a valid Discord snowflake',
		]);
	});

	it('removes a temporary member without a role on disconnect, keeps one who got a role', async () => {
		const invite = await welcome.createInvite({ temporary: true, unique: true });
		const a = await control.join(guild.id, { user: { username: 'temp-a' }, invite_code: invite.code });
		const b = await control.join(guild.id, { user: { username: 'temp-b' }, invite_code: invite.code });
		await guild.members.addRole({ user: b.user.id, role: demo.roles.Verified as string });
		const removed = nextEvent(client, Events.GuildMemberRemove, (m) => m.id === a.user.id);
		expect((await control.call('POST', `/guilds/${guild.id}/disconnects`, { user_id: a.user.id })).removed).toBe(true);
		await removed;
		expect((await control.call('POST', `/guilds/${guild.id}/disconnects`, { user_id: b.user.id })).removed).toBe(false);
	});

	it('records which invite each join used in the join log (ground truth), rejoins included', async () => {
		const invite = await control.createInvite(guild.id, { channel_id: welcome.id, max_uses: 0, max_age: 0 });
		const u = await control.join(guild.id, { user: { username: 'truth' }, invite_code: invite.code });
		await control.leave(guild.id, u.user.id);
		await control.join(guild.id, { user_id: u.user.id, vanity: true });
		const log = (await control.call('GET', `/guilds/${guild.id}/joins`)) as {
			user_id: string;
			via: unknown;
			rejoin: boolean;
		}[];
		const mine = log.filter((j) => j.user_id === u.user.id);
		expect(mine).toEqual([
			expect.objectContaining({ via: { type: 'invite', code: invite.code }, rejoin: false }),
			expect.objectContaining({ via: { type: 'vanity' }, rejoin: true }),
		]);
	});

	it('rejects a bad control invite with 400 naming the field and creates nothing', async () => {
		const before = (await control.guild(guild.id)).invites.length;
		const error = await control.createInvite(guild.id, { max_uses: 101 }).catch((e) => e);
		expect(error.status).toBe(400);
		expect(error.body.message).toContain('max_uses');
		expect((await control.guild(guild.id)).invites.length).toBe(before);
	});
});
