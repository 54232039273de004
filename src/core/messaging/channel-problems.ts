import {
	DiscordAPIError,
	type Guild,
	type GuildBasedChannel,
	PermissionFlagsBits,
	RESTJSONErrorCodes,
} from 'discord.js';

// What Foyer needs in a channel it posts member messages (text and embeds) to. The dashboard's
// channel fields, the plugins' commands and their test buttons all judge channels by this one list.
const NEEDED = [
	[PermissionFlagsBits.ViewChannel, 'View Channel'],
	[PermissionFlagsBits.SendMessages, 'Send Messages'],
	[PermissionFlagsBits.EmbedLinks, 'Embed Links'],
] as const;

/** Why Foyer could not post in a channel, or null when it can. */
export function channelProblem(channel: GuildBasedChannel): string | null {
	if (!channel.isTextBased()) return `#${channel.name} is not a text channel.`;
	const me = channel.guild.members.me;
	if (!me) return null;
	const perms = channel.permissionsFor(me);
	const lacking = NEEDED.filter(([bit]) => !perms.has(bit)).map(([, name]) => name);
	return lacking.length ? `Foyer lacks ${lacking.join(', ')} in #${channel.name}.` : null;
}

/**
 * Why a message could not be posted now to `channelId` (or, when null, the server's system channel),
 * or null when it can. Checked before a test send so the admin reads the reason, not Discord's 50013.
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
