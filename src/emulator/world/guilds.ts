import { ChannelType, GatewayDispatchEvents as E, GatewayIntentBits as I } from 'discord-api-types/v10';
import { ApiError, Errors } from '../errors.ts';
import { newChannel } from './channels.ts';
import { codeTaken } from './invites.ts';
import { addMemberRecord } from './members.ts';
import { DEFAULT_EVERYONE_PERMISSIONS } from './permissions.ts';
import { announceRole, newRole, type RoleFields } from './roles.ts';
import type { EmGuild } from './types.ts';
import { createUser, DAY_MS } from './users.ts';
import type { World } from './world.ts';

export interface CreateGuildOptions {
	name?: string;
	ownerId?: string;
	memberCount?: number;
	channels?: string[];
	roles?: RoleFields[];
	vanityCode?: string | null;
	/** Applications whose bots are in the guild (default: every application). */
	appIds?: string[];
}

/**
 * A guild with @everyone, the given roles (bottom to top), a category holding the text channels,
 * the owner, filler members and the bots. No event: the caller announces GUILD_CREATE.
 */
export function createGuild(world: World, opts: CreateGuildOptions = {}): EmGuild {
	if (opts.vanityCode && codeTaken(world, opts.vanityCode))
		throw new ApiError(400, 50020, 'Invite code invalid or taken');
	const owner = opts.ownerId ? world.user(opts.ownerId) : createUser(world, { username: 'server-owner' });
	const id = world.newId();
	const guild: EmGuild = {
		id,
		name: opts.name ?? 'Emulated Server',
		icon: null,
		ownerId: owner.id,
		vanityCode: opts.vanityCode ?? null,
		vanityUses: 0,
		systemChannelId: null,
		roles: new Map(),
		channels: new Set(),
		members: new Map(),
		invites: new Set(),
		bans: new Map(),
		auditLog: [],
		createdAt: world.now(),
		screening: false,
		invitesDisabled: false,
		incidents: { invitesDisabledUntil: null, dmsDisabledUntil: null },
		formerMembers: new Set(),
		joinLog: [],
	};
	world.guilds.set(id, guild);
	guild.roles.set(id, newRole(world, guild, { name: '@everyone', permissions: DEFAULT_EVERYONE_PERMISSIONS }, 0));
	let position = 1;
	for (const r of opts.roles ?? []) {
		const role = newRole(world, guild, r, position++);
		guild.roles.set(role.id, role);
	}
	const category = newChannel(world, guild, { name: 'Text Channels', type: ChannelType.GuildCategory });
	for (const name of opts.channels ?? ['general'])
		newChannel(world, guild, { name, type: ChannelType.GuildText, parentId: category.id });
	guild.systemChannelId =
		[...guild.channels].find((c) => world.channels.get(c)?.type === ChannelType.GuildText) ?? null;

	addMemberRecord(world, guild, owner.id, { type: 'owner' });
	const fillers = opts.memberCount ?? 0;
	for (let i = 0; i < fillers; i++) {
		const user = createUser(world, {
			username: `member${String(i + 1).padStart(4, '0')}`,
			accountAgeMs: (30 + (i % 700)) * DAY_MS,
		});
		addMemberRecord(world, guild, user.id, { type: 'none' }, guild.createdAt - fillers * 1000 + i * 1000);
	}
	for (const appId of opts.appIds ?? [...world.applications.keys()]) addBot(world, guild.id, appId, false);
	return guild;
}

/** Adds an application's bot to a guild with its managed role, as the OAuth2 bot flow does. */
export function addBot(world: World, guildId: string, appId: string, announce = true): void {
	const guild = world.guild(guildId);
	const app = world.applications.get(appId);
	if (!app) throw Errors.unknownApplication();
	if (guild.members.has(app.botUserId)) return;
	// The managed role sits just above every ordinary role, as Discord places a freshly added bot's role.
	const position = Math.max(0, ...[...guild.roles.values()].map((r) => r.position)) + 1;
	const role = newRole(world, guild, { name: app.name, permissions: app.defaultPermissions }, position);
	role.managed = true;
	role.botId = app.botUserId;
	guild.roles.set(role.id, role);
	const member = addMemberRecord(world, guild, app.botUserId, { type: 'bot' });
	member.roles.push(role.id);
	if (announce) {
		announceRole(world, E.GuildRoleCreate, role);
		world.dispatch({ t: E.GuildCreate, d: null, intent: I.Guilds, guildId, appId: app.id });
	}
}

export function guildsOfBot(world: World, botUserId: string): EmGuild[] {
	return [...world.guilds.values()].filter((g) => g.members.has(botUserId));
}
