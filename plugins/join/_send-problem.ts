import { DiscordAPIError, type Guild, RESTJSONErrorCodes } from 'discord.js';
import { channelProblem } from './commands/_channel-problem.ts';

/**
 * Why a welcome could not be posted right now, or null when it can: the channel it would go to
 * (the configured one, else the system channel) must exist and Foyer must be able to write there.
 * Checked before a test send so the admin reads the reason, not Discord's 50013.
 */
export function sendProblem(guild: Guild, channelId: string | null): string | null {
	const channel = channelId ? guild.channels.cache.get(channelId) : guild.systemChannel;
	if (!channel)
		return channelId
			? 'The chosen channel no longer exists.'
			: 'No channel is chosen and the server has no system channel.';
	return channelProblem(channel);
}

/** Discord's "Foyer may not post there" (Missing Permissions / Missing Access), as opposed to an outage. */
export function isAccessError(error: unknown): error is DiscordAPIError {
	return (
		error instanceof DiscordAPIError &&
		(error.code === RESTJSONErrorCodes.MissingPermissions || error.code === RESTJSONErrorCodes.MissingAccess)
	);
}
