import { container } from '@sapphire/framework';
import type { APIEmbed, Guild } from 'discord.js';
import { templateContextOf } from '../../core/templates/member-context.ts';
import { botAuthor } from '../discord-render/from-message.ts';
import { guildMentions } from '../discord-render/mentions.ts';
import { renderDiscordMessage } from '../discord-render/render-message.ts';
import { renderView } from '../http/respond.ts';

export type PreviewPart = 'content' | 'embed-title' | 'embed-description';

const MAX_TEMPLATE = 4000;
/** What Discord accepts in each place. */
const LIMITS: Record<PreviewPart, number> = { content: 2000, 'embed-title': 256, 'embed-description': 4096 };

export function previewPart(value: unknown): PreviewPart {
	return value === 'embed-title' || value === 'embed-description' ? value : 'content';
}

/**
 * A template rendered as Discord would show it for `userId` joining now (the admin looking at the
 * form): sent by the bot, mentions by name, markdown drawn, in the message or in its embed. The
 * placeholders the engine does not know are listed instead of silently dropped.
 */
export async function templatePreviewHtml(
	guild: Guild,
	userId: string,
	template: string,
	part: PreviewPart,
	locale: string,
): Promise<string> {
	if (template.length > MAX_TEMPLATE)
		return renderView('partials/template-preview', {
			locale,
			message: '',
			unknown: [],
			tooLong: LIMITS[part],
			length: template.length,
		});
	const member = guild.members.cache.get(userId) ?? (await guild.members.fetch(userId).catch(() => null));
	const ctx = member
		? templateContextOf(member)
		: {
				member: { id: userId, username: 'member' },
				guild: { id: guild.id, name: guild.name, memberCount: guild.memberCount },
			};
	const rendered = container.templates.render(template, ctx);
	const text = rendered.content;
	const embed: APIEmbed | null = !text
		? null
		: part === 'embed-title'
			? { title: text }
			: part === 'embed-description'
				? { description: text }
				: null;
	const message = text
		? renderDiscordMessage(
				{
					author: botAuthor(guild.client),
					timestamp: new Date(),
					...(embed ? { embeds: [embed] } : { content: text }),
				},
				{ mentions: guildMentions(guild), locale },
			)
		: '';
	return renderView('partials/template-preview', {
		locale,
		message,
		unknown: rendered.unknown,
		tooLong: text.length > LIMITS[part] ? LIMITS[part] : null,
		length: text.length,
	});
}
