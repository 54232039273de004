import type { Guild } from 'discord.js';

/** What the renderer needs to know about the ids a message mentions; null means "not in this server". */
export interface MentionResolver {
	user(id: string): string | null;
	role(id: string): { name: string; color: number } | null;
	channel(id: string): string | null;
}

/** Resolves nothing: every mention is shown neutrally. */
export const NO_MENTIONS: MentionResolver = { user: () => null, role: () => null, channel: () => null };

/**
 * Mentions as a member of `guild` sees them: members by their server name, roles and channels of
 * the server by name. From discord.js's caches only (rendering a page never calls Discord).
 */
export function guildMentions(guild: Guild): MentionResolver {
	return {
		user: (id) => guild.members.cache.get(id)?.displayName ?? guild.client.users.cache.get(id)?.displayName ?? null,
		role: (id) => {
			const role = guild.roles.cache.get(id);
			return role ? { name: role.name, color: role.color } : null;
		},
		channel: (id) => {
			const channel = guild.channels.cache.get(id) ?? guild.client.channels.cache.get(id);
			return channel && 'name' in channel && typeof channel.name === 'string' ? channel.name : null;
		},
	};
}
