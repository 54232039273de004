import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { EmGuild, EmUser } from './world/types.ts';
import type { World } from './world/world.ts';

export interface SeedResult {
	guild: EmGuild;
	owner: EmUser;
	admin: EmUser;
	member: EmUser;
	channels: Record<string, string>;
	roles: Record<string, string>;
}

/**
 * The demo server of the sandbox: an owner, an admin, a plain member, the usual channels and
 * roles, and a vanity URL. Ids are random per start; names are stable.
 */
export function seedWorld(world: World, opts: { memberCount?: number } = {}): SeedResult {
	const owner = world.createUser({
		username: 'demo-owner',
		globalName: 'Demo Owner',
		accountAgeMs: 3 * 365 * 86_400_000,
	});
	const guild = world.createGuild({
		name: 'Foyer Demo',
		ownerId: owner.id,
		memberCount: opts.memberCount ?? 25,
		channels: ['general', 'welcome', 'goodbye', 'rules', 'verification', 'bot-log'],
		roles: [
			{ name: 'Member', color: 0x95a5a6 },
			{ name: 'Verified', color: 0x2ecc71 },
			{ name: 'Unverified', color: 0x7f8c8d },
			{ name: 'VIP', color: 0xf1c40f, hoist: true },
			{
				name: 'Moderator',
				color: 0x3498db,
				permissions: P.ManageGuild | P.KickMembers | P.BanMembers | P.ManageMessages | P.ManageRoles,
				hoist: true,
			},
			{ name: 'Admin', color: 0xe74c3c, permissions: P.Administrator, hoist: true },
		],
		vanityCode: 'foyer-demo',
	});
	const byName = (name: string) => [...guild.roles.values()].find((r) => r.name === name)?.id as string;
	const admin = world.createUser({ username: 'demo-admin', globalName: 'Demo Admin' });
	const member = world.createUser({ username: 'demo-member', globalName: 'Demo Member' });
	world.join(guild.id, admin.id);
	world.join(guild.id, member.id);
	world.updateMember(guild.id, admin.id, { roles: [byName('Admin')] }, owner.id);
	world.updateMember(guild.id, member.id, { roles: [byName('Member')] }, owner.id);
	const channels: Record<string, string> = {};
	for (const id of guild.channels) {
		const c = world.channel(id);
		channels[c.name] = c.id;
	}
	const roles: Record<string, string> = {};
	for (const r of guild.roles.values()) roles[r.name] = r.id;
	return { guild, owner, admin, member, channels, roles };
}
