import type { Guild } from 'discord.js';

/** How a user is named on the dashboard: their display name if Foyer knows them, else their id. */
export function nameOf(guild: Guild, userId: string | null): string {
	if (userId === null) return '';
	const member = guild.members.cache.get(userId);
	if (member) return member.displayName;
	const user = guild.client.users.cache.get(userId);
	return user ? (user.globalName ?? user.username) : `user ${userId}`;
}
