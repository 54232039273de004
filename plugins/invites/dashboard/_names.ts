import type { Guild } from 'discord.js';
import type { Translate } from 'foyer';

/**
 * How a user is named on the dashboard: their display name if Foyer knows them, else their id
 * (worded by `t` on a page; plain `user <id>` where programs read it, as in the CSV export).
 */
export function nameOf(guild: Guild, userId: string | null, t?: Translate): string {
	if (userId === null) return '';
	const member = guild.members.cache.get(userId);
	if (member) return member.displayName;
	const user = guild.client.users.cache.get(userId);
	if (user) return user.globalName ?? user.username;
	return t ? t('page.userName', { id: userId }) : `user ${userId}`;
}
