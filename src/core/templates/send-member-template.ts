import { container } from '@sapphire/framework';
import type { GuildMember, Message, PartialGuildMember } from 'discord.js';
import { templateContextOf } from './member-context.ts';

/**
 * Renders a template for a member and posts it in `channelId` (or the server's system channel),
 * with allowed_mentions limited to the users the template mentions on purpose. Resolves with the
 * message, or null when there is no channel Foyer can send to (logged under the plugin id).
 */
export async function sendMemberTemplate(
	pluginId: string,
	member: GuildMember | PartialGuildMember,
	channelId: string | null,
	template: string,
): Promise<Message | null> {
	const channel = channelId ? member.guild.channels.cache.get(channelId) : member.guild.systemChannel;
	if (!channel?.isSendable()) {
		container.log.warn({ plugin: pluginId, guild: member.guild.id, channel: channelId }, 'No channel to send to');
		return null;
	}
	const rendered = container.templates.render(template, templateContextOf(member));
	return channel.send({ content: rendered.content, allowedMentions: rendered.allowedMentions });
}
