import { type Client, Events, type Guild, Routes } from 'discord.js';
import { AuditLogEvent, PermissionFlagsBits, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.ts';
import type { SeedResult } from '../../src/emulator/seed.ts';
import { connectClient } from '../../src/emulator/testing/client.ts';
import type { EmRole } from '../../src/emulator/world/types.ts';
import { dispatchesDuring, expectApiError, nextEvent } from './guilds-helpers.ts';

const C = RESTJSONErrorCodes;

describe('role routes driven by a discord.js client', () => {
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

	/** Role names from the bottom up, as the emulator holds them. */
	const worldOrder = () =>
		[...demo.guild.roles.values()].sort((a, b) => a.position - b.position).map((r) => `${r.position}:${r.name}`);

	it('creates a role at position 1 with @everyone’s permissions, announced by roleCreate', async () => {
		const announced = nextEvent(client, Events.GuildRoleCreate, (r) => r.name === 'Greeter');
		const role = await guild.roles.create({ name: 'Greeter', hoist: true, reason: 'welcome team' });
		const [seen] = await announced;
		expect(seen.id).toBe(role.id);
		expect(role.position).toBe(1);
		expect(role.hoist).toBe(true);
		expect(role.permissions.bitfield).toBe(demo.guild.roles.get(demo.guild.id)?.permissions);
		const entry = (await guild.fetchAuditLogs({ type: AuditLogEvent.RoleCreate, limit: 1 })).entries.first();
		expect(entry?.targetId).toBe(role.id);
		expect(entry?.reason).toBe('welcome team');
	});

	it('refuses to create a role granting a permission the bot lacks (50013), or a 101-character name (50035)', async () => {
		const before = demo.guild.roles.size;
		await expectApiError(
			guild.roles.create({ name: 'Too strong', permissions: [PermissionFlagsBits.Administrator] }),
			C.MissingPermissions,
			403,
		);
		await expectApiError(guild.roles.create({ name: 'x'.repeat(101) }), C.InvalidFormBodyOrContentType, 400);
		expect(demo.guild.roles.size).toBe(before);
	});

	it('edits a role below the bot: roleUpdate carries the new name and permissions', async () => {
		const role = await guild.roles.create({ name: 'Helper' });
		const updated = nextEvent(client, Events.GuildRoleUpdate, (_, r) => r.id === role.id && r.name === 'Helpers');
		await guild.roles.edit(role, { name: 'Helpers', permissions: [PermissionFlagsBits.KickMembers] });
		const [, after] = await updated;
		expect(after.permissions.has(PermissionFlagsBits.KickMembers)).toBe(true);
		expect(demo.guild.roles.get(role.id)?.name).toBe('Helpers');
	});

	it('refuses to edit or delete roles at or above its own, including its managed role (50013)', async () => {
		const admin = demo.roles.Admin as string;
		const raised = nextEvent(client, Events.GuildRoleUpdate, (_, r) => r.id === admin);
		emulator.world.updateRole(demo.guild.id, admin, { position: botRole.position + 1 }, null);
		await raised;
		const events = await dispatchesDuring(emulator.world, async () => {
			await expectApiError(guild.roles.edit(admin, { name: 'Renamed' }), C.MissingPermissions, 403);
			await expectApiError(guild.roles.delete(admin), C.MissingPermissions, 403);
			await expectApiError(guild.roles.edit(botRole.id, { name: 'Renamed' }), C.MissingPermissions, 403);
			await expectApiError(guild.roles.delete(botRole.id), C.MissingPermissions, 403);
		});
		expect(events).toEqual([]);
		expect(demo.guild.roles.get(admin)?.name).toBe('Admin');
	});

	it('moves a role with role.setPosition: positions stay distinct and each moved role gets a roleUpdate', async () => {
		// world.createRole bumps the other roles' positions without announcing it (see the report),
		// so the client refreshes its role cache before computing the new order.
		await guild.roles.fetch();
		const vip = demo.roles.VIP as string;
		const target = (demo.guild.roles.get(demo.roles.Moderator as string) as EmRole).position;
		const moved = nextEvent(client, Events.GuildRoleUpdate, (_, r) => r.id === vip && r.position === target);
		await guild.roles.setPosition(vip, target);
		await moved;
		expect(demo.guild.roles.get(vip)?.position).toBe(target);
		const positions = [...demo.guild.roles.values()].map((r) => r.position);
		expect(new Set(positions).size).toBe(positions.length);
		expect(guild.roles.cache.get(vip)?.position).toBe(target);
		expect(worldOrder().at(-1)).toBe(`${demo.guild.roles.size - 1}:Admin`);
	});

	it('refuses to move a role up to its own highest role (50013) and leaves the order as it was', async () => {
		const vip = demo.roles.VIP as string;
		const before = worldOrder();
		await expectApiError(
			client.rest.patch(Routes.guildRoles(demo.guild.id), { body: [{ id: vip, position: botRole.position }] }),
			C.MissingPermissions,
			403,
		);
		expect(worldOrder()).toEqual(before);
	});

	it('deletes a role: roleDelete reaches the client and members lose it', async () => {
		const role = await guild.roles.create({ name: 'Temporary' });
		emulator.world.updateMember(demo.guild.id, demo.member.id, { roles: [role.id] }, null);
		const deleted = nextEvent(client, Events.GuildRoleDelete, (r) => r.id === role.id);
		await guild.roles.delete(role, 'cleanup');
		await deleted;
		expect(demo.guild.roles.has(role.id)).toBe(false);
		expect(emulator.world.member(demo.guild.id, demo.member.id).roles).not.toContain(role.id);
		expect(await guild.roles.fetch(role.id, { force: true })).toBeNull();
		await expectApiError(client.rest.get(Routes.guildRole(demo.guild.id, role.id)), C.UnknownRole, 404);
	});
});
