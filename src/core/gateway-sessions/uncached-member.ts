import { type Client, type Guild, GuildMember } from 'discord.js';

type MemberConstructor = new (client: Client, data: unknown, guild: Guild) => GuildMember;

/**
 * A discord.js member built from a payload without touching the cache, for events about a join
 * that is not the member's current one (a replayed join of someone who left since, or the leave of
 * an earlier join): the cache holds the guild as it is now and must stay that way.
 */
export function uncachedMember(guild: Guild, data: { user: { id: string }; joined_at?: string | null }): GuildMember {
	return new (GuildMember as unknown as MemberConstructor)(guild.client, data, guild);
}

export function isoOrNull(timestamp: number | null | undefined): string | null {
	return typeof timestamp === 'number' ? new Date(timestamp).toISOString() : null;
}
