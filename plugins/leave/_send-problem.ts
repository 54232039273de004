import {
	DiscordAPIError,
	type Guild,
	type GuildBasedChannel,
	PermissionFlagsBits,
	RESTJSONErrorCodes,
} from 'discord.js';

// The same three permissions the dashboard's settings form requires of a channel field, so the
// command and the form accept the same channels.
const NEEDED = [
	[PermissionFlagsBits.ViewChannel, 'View Channel'],
	[PermissionFlagsBits.SendMessages, 'Send Messages'],
	[PermissionFlagsBits.EmbedLinks, 'Embed Links'],
] as const;

/** Why Foyer could not post goodbyes in a channel, or null when it can. */
export function channelProblem(channel: GuildBasedChannel): string | null {
	if (!channel.isTextBased()) return `#${channel.name} is not a text channel.`;
	const me = channel.guild.members.me;
	if (!me) return null;
	const perms = channel.permissionsFor(me);
	const lacking = NEEDED.filter(([bit]) => !perms.has(bit)).map(([, name]) => name);
	return lacking.length ? `Foyer lacks ${lacking.join(', ')} in #${channel.name}.` : null;
}

/** Why a goodbye could not be posted now (configured channel, else the system channel), or null. */
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
