import { container } from '@sapphire/framework';
import type { Guild } from 'discord.js';
import { templateContextOf } from '../../core/templates/member-context.ts';
import { renderView } from '../http/respond.ts';

const MAX_TEMPLATE = 4000;

/**
 * A template rendered as Discord would show it for `userId` joining now (the admin looking at the
 * form), with the placeholders the engine does not know listed instead of silently dropped.
 */
export async function templatePreviewHtml(guild: Guild, userId: string, template: string): Promise<string> {
	if (template.length > MAX_TEMPLATE)
		return renderView('partials/template-preview', {
			content: '',
			unknown: [],
			tooLong: MAX_TEMPLATE,
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
	return renderView('partials/template-preview', {
		content: rendered.content,
		unknown: rendered.unknown,
		tooLong: rendered.content.length > 2000 ? 2000 : null,
		length: rendered.content.length,
	});
}
