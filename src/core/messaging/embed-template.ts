import type { APIEmbed } from 'discord.js';

/**
 * An embed as data, its texts templates rendered like the message (so a welcome recorded in the
 * outbox can be sent after a restart exactly as it would have been). The member's avatar goes in
 * the thumbnail of one-member messages only: a combined message is about no single member.
 */
export interface EmbedTemplate {
	title?: string;
	description?: string;
	color?: number | null;
	imageUrl?: string;
	/** The member's avatar as the thumbnail (one-member messages). */
	thumbnail?: boolean;
}

export function renderEmbed(
	template: EmbedTemplate,
	render: (text: string) => string,
	avatarUrl: string | null,
): APIEmbed | null {
	const embed: APIEmbed = {};
	const title = template.title && render(template.title).slice(0, 256);
	const description = template.description && render(template.description).slice(0, 4096);
	if (title) embed.title = title;
	if (description) embed.description = description;
	if (template.color !== null && template.color !== undefined) embed.color = template.color;
	if (template.imageUrl) embed.image = { url: template.imageUrl };
	if (template.thumbnail && avatarUrl) embed.thumbnail = { url: avatarUrl };
	return Object.keys(embed).length > 0 ? embed : null;
}
