import { randomBytes } from 'node:crypto';
import { GatewayIntentBits as I, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { ApiError } from '../errors.ts';
import type { EmApplication, EmUser } from './types.ts';
import type { World } from './world.ts';

export const DAY_MS = 86_400_000;

export interface CreateUserOptions {
	username?: string;
	globalName?: string | null;
	avatar?: string | null;
	bot?: boolean;
	dmsOpen?: boolean;
	/** Account age: the snowflake is minted this many milliseconds in the past (discord.js derives createdAt from it). */
	accountAgeMs?: number;
}

export interface CreateApplicationOptions {
	name?: string;
	token?: string;
	ownerId?: string;
	privilegedIntents?: number;
	permissions?: bigint;
}

/** What the bot's managed role gets by default: what a community bot asks for in its invite link. */
const DEFAULT_BOT_PERMISSIONS =
	P.ViewChannel |
	P.SendMessages |
	P.EmbedLinks |
	P.AttachFiles |
	P.ReadMessageHistory |
	P.AddReactions |
	P.ManageMessages |
	P.ManageRoles |
	P.ManageGuild |
	P.ManageChannels |
	P.KickMembers |
	P.BanMembers |
	P.CreateInstantInvite |
	P.ViewAuditLog |
	P.UseApplicationCommands;

export function createUser(world: World, opts: CreateUserOptions = {}): EmUser {
	const age = opts.accountAgeMs ?? 365 * DAY_MS;
	const id = world.ids.next(world.now() - age);
	const user: EmUser = {
		id,
		username: opts.username ?? `user${world.nextUserNumber()}`,
		globalName: opts.globalName ?? null,
		avatar: opts.avatar ?? null,
		bot: opts.bot ?? false,
		dmsOpen: opts.dmsOpen ?? true,
	};
	world.users.set(id, user);
	return user;
}

/** An application with its bot user (id = application id), token, client secret and owner. */
export function createApplication(world: World, opts: CreateApplicationOptions = {}): EmApplication {
	const name = opts.name ?? 'Foyer';
	const token = opts.token;
	if (token !== undefined && world.appsByToken.has(token))
		throw new ApiError(409, 0, 'An application with that token exists');
	const bot = createUser(world, { username: name, bot: true, accountAgeMs: 400 * DAY_MS });
	const owner = opts.ownerId
		? world.user(opts.ownerId)
		: createUser(world, { username: `${name.toLowerCase()}-owner` });
	const app: EmApplication = {
		id: bot.id,
		name,
		botUserId: bot.id,
		token: token ?? `${Buffer.from(bot.id).toString('base64url')}.emulator.${randomBytes(18).toString('base64url')}`,
		clientSecret: randomBytes(16).toString('hex'),
		ownerId: owner.id,
		privilegedIntents: opts.privilegedIntents ?? I.GuildMembers | I.GuildPresences | I.MessageContent,
		defaultPermissions: opts.permissions ?? DEFAULT_BOT_PERMISSIONS,
		globalCommands: new Map(),
		guildCommands: new Map(),
	};
	world.applications.set(app.id, app);
	world.appsByToken.set(app.token, app);
	return app;
}
