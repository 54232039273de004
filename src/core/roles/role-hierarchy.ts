import { container } from '@sapphire/framework';
import { type Guild, PermissionFlagsBits, type Role } from 'discord.js';
import { coreText } from '../i18n/core-text.ts';

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

/**
 * Why Foyer cannot give (or take back) `role`, in words an admin can act on, or null when it can.
 * Mirrors Discord's rule: only roles strictly below the bot's highest role, never managed roles or
 * @everyone (whose id is the guild's). Checking first keeps a misconfigured server from turning every
 * join into a 403, which Discord counts towards a temporary IP ban. Shared by every plugin that
 * gives roles (auto roles, loyalty tiers), so they refuse the same roles for the same reasons. In
 * `locale` (the core catalogs' `problems.*`), English by default.
 */
export function whyNotAssignable(
	role: RoleFacts,
	bot: BotFacts,
	guildId: string,
	locale?: string | null,
): string | null {
	const t = (key: string, vars?: Record<string, string>) => coreText(`problems.${key}`, locale, vars);
	const fix = t('fix');
	if (role.id === guildId) return t('everyone');
	if (role.managed) return t('managed', { role: role.name });
	if (!bot.canManageRoles) return t('manageRoles');
	const top = bot.highest;
	if (!top) return t('aboveAll', { role: role.name, fix });
	if (role.id === top.id) return t('highest', { role: role.name, fix });
	if (role.position >= top.position) return t('above', { role: role.name, top: top.name, fix });
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

/**
 * The hierarchy check against the live guild, in `locale` (a member's, for a reply only they see),
 * else in the server's language: the reason lands on the server's pages and in its notes.
 */
export function assignProblem(role: Role, locale?: string | null): string | null {
	return whyNotAssignable(roleFacts(role), botFacts(role.guild), role.guild.id, locale ?? serverLocale(role.guild.id));
}

/** The server's language when Foyer runs (null in pure tests, where there is no plugin manager). */
export function serverLocale(guildId: string): string | null {
	return container.plugins?.language(guildId) ?? null;
}
