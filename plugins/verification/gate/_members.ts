import { DiscordAPIError, type Guild, type GuildMember, RESTJSONErrorCodes } from 'discord.js';

/** A member from the cache or Discord; null once they are gone. */
export async function memberOf(guild: Guild, userId: string): Promise<GuildMember | null> {
	const cached = guild.members.cache.get(userId);
	if (cached && !cached.partial) return cached;
	try {
		return await guild.members.fetch(userId);
	} catch (error) {
		if (isUnknownMember(error)) return null;
		throw error;
	}
}

export function isUnknownMember(error: unknown): boolean {
	return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMember;
}

export function isMissingPermissions(error: unknown): boolean {
	return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.MissingPermissions;
}
