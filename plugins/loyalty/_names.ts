import type { Guild } from 'discord.js';
import type { Translate } from 'foyer';

/** How a member is named on the dashboard: their display name if Foyer knows them, else their id. */
export function nameOf(guild: Guild, userId: string, t: Translate): string {
	const member = guild.members.cache.get(userId);
	if (member) return member.displayName;
	const user = guild.client.users.cache.get(userId);
	return user ? (user.globalName ?? user.username) : t('member.unknown', { id: userId });
}

/** Who made a ledger line, in words: an admin's name, or the source. */
export function actorName(guild: Guild, actor: string, t: Translate): string {
	if (actor === 'webhook' || actor === 'invites') return t(`actors.${actor}`);
	return /^\d{17,20}$/.test(actor) ? nameOf(guild, actor, t) : actor;
}
