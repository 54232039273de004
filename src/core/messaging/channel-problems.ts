import {
	DiscordAPIError,
	type Guild,
	type GuildBasedChannel,
	PermissionFlagsBits,
	RESTJSONErrorCodes,
} from 'discord.js';
import { coreText } from '../i18n/core-text.ts';
import { serverLocale } from '../roles/role-hierarchy.ts';

// What Foyer needs in a channel it posts member messages (text and embeds) to. The dashboard's
// channel fields, the plugins' commands and their test buttons all judge channels by this one list.
const NEEDED = [
	[PermissionFlagsBits.ViewChannel, 'view'],
	[PermissionFlagsBits.SendMessages, 'send'],
	[PermissionFlagsBits.EmbedLinks, 'embed'],
] as const;

/**
 * Why Foyer could not post in a channel, or null when it can: in `locale` (a member's, for their
 * reply), else in the server's language.
 */
export function channelProblem(channel: GuildBasedChannel, locale?: string | null): string | null {
	const l = locale ?? serverLocale(channel.guild.id);
	if (!channel.isTextBased()) return coreText('problems.notText', l, { channel: channel.name });
	const me = channel.guild.members.me;
	if (!me) return null;
	const perms = channel.permissionsFor(me);
	const lacking = NEEDED.filter(([bit]) => !perms.has(bit)).map(([, name]) =>
		coreText(`problems.permissions.${name}`, l),
	);
	return lacking.length
		? coreText('problems.lacks', l, { permissions: lacking.join(', '), channel: channel.name })
		: null;
}

/**
 * Why a message could not be posted now to `channelId` (or, when null, the server's system channel),
 * or null when it can. Checked before a test send so the admin reads the reason, not Discord's 50013.
 */
export function sendProblem(guild: Guild, channelId: string | null, locale?: string | null): string | null {
	const l = locale ?? serverLocale(guild.id);
	const channel = channelId ? guild.channels.cache.get(channelId) : guild.systemChannel;
	if (!channel) return coreText(channelId ? 'problems.channelGone' : 'problems.noChannel', l);
	return channelProblem(channel, l);
}

/** Discord's "Foyer may not post there" (Missing Permissions / Missing Access), as opposed to an outage. */
export function isAccessError(error: unknown): error is DiscordAPIError {
	return (
		error instanceof DiscordAPIError &&
		(error.code === RESTJSONErrorCodes.MissingPermissions || error.code === RESTJSONErrorCodes.MissingAccess)
	);
}
