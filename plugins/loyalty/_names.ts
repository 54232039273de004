import type { Guild } from 'discord.js';

/** How a member is named on the dashboard: their display name if Foyer knows them, else their id. */
export function nameOf(guild: Guild, userId: string): string {
	const member = guild.members.cache.get(userId);
	if (member) return member.displayName;
	const user = guild.client.users.cache.get(userId);
	return user ? (user.globalName ?? user.username) : `user ${userId}`;
}

/** Who made a ledger line, in words: an admin's name, or the source. */
export function actorName(guild: Guild, actor: string): string {
	if (actor === 'webhook') return 'shop webhook';
	if (actor === 'invites') return 'invite tracking';
	return /^\d{17,20}$/.test(actor) ? nameOf(guild, actor) : actor;
}
