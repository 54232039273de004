import { type Guild, PermissionFlagsBits, type Role } from 'discord.js';

/** What the hierarchy check needs to know about a role; `position` is Discord's raw position. */
export interface RoleFacts {
	id: string;
	name: string;
	position: number;
	managed: boolean;
}

/** Foyer's side: its highest role (null when it has none yet) and whether it may manage roles at all. */
export interface BotFacts {
	highest: RoleFacts | null;
	canManageRoles: boolean;
}

const FIX = "move Foyer's role above it in Server Settings > Roles";

/**
 * Why Foyer cannot give `role` to members, in words an admin can act on, or null when it can.
 * Mirrors Discord's rule: only roles strictly below the bot's highest role, never managed roles or
 * @everyone (whose id is the guild's). Checking first keeps a misconfigured server from turning every
 * join into a 403, which Discord counts towards a temporary IP ban.
 */
export function whyNotAssignable(role: RoleFacts, bot: BotFacts, guildId: string): string | null {
	if (role.id === guildId) return 'Everyone already has @everyone; it cannot be given as a role.';
	if (role.managed)
		return `Role ${role.name} is managed by an integration (a bot, boosts or a subscription) and cannot be given by Foyer.`;
	if (!bot.canManageRoles)
		return "Foyer lacks the Manage Roles permission; grant it to Foyer's role in Server Settings > Roles.";
	const top = bot.highest;
	if (!top) return `Role ${role.name} is above Foyer's roles; ${FIX}.`;
	if (role.id === top.id) return `Role ${role.name} is Foyer's highest role, so Foyer cannot give it; ${FIX}.`;
	if (role.position >= top.position) return `Role ${role.name} is above Foyer's highest role ${top.name}; ${FIX}.`;
	return null;
}

export function roleFacts(role: Role): RoleFacts {
	return { id: role.id, name: role.name, position: role.rawPosition, managed: role.managed };
}

/** Foyer's standing in a guild, from discord.js's cache (kept current by role and member events). */
export function botFacts(guild: Guild): BotFacts {
	const me = guild.members.me;
	const highest = me?.roles.highest;
	return {
		highest: highest && highest.id !== guild.id ? roleFacts(highest) : null,
		canManageRoles: me?.permissions.has(PermissionFlagsBits.ManageRoles) ?? false,
	};
}

/** The hierarchy check against the live guild. */
export function assignProblem(role: Role): string | null {
	return whyNotAssignable(roleFacts(role), botFacts(role.guild), role.guild.id);
}
