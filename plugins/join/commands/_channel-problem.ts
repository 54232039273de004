import { type GuildBasedChannel, PermissionFlagsBits } from 'discord.js';

/** Why Foyer could not post welcomes in a channel, or null when it can. */
export function channelProblem(channel: GuildBasedChannel): string | null {
	if (!channel.isTextBased()) return `#${channel.name} is not a text channel.`;
	const me = channel.guild.members.me;
	if (!me) return null;
	const perms = channel.permissionsFor(me);
	const missing = [
		[PermissionFlagsBits.ViewChannel, 'View Channel'],
		[PermissionFlagsBits.SendMessages, 'Send Messages'],
		[PermissionFlagsBits.EmbedLinks, 'Embed Links'],
	] as const;
	const lacking = missing.filter(([bit]) => !perms.has(bit)).map(([, name]) => name);
	return lacking.length ? `Foyer lacks ${lacking.join(', ')} in #${channel.name}.` : null;
}
