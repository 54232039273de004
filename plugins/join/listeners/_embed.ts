import type { APIEmbed } from 'discord.js';
import type { EmbedContext } from 'foyer';

export interface JoinEmbedSettings {
	embedTitle: string;
	embedDescription: string;
	embedColor: number | null;
	embedImageUrl: string;
	embedThumbnail: boolean;
}

/** The welcome embed; a combined message has no single member, so it carries no avatar. */
export function joinEmbed(s: JoinEmbedSettings) {
	return (ctx: EmbedContext): APIEmbed | null => {
		const embed: APIEmbed = {};
		const title = s.embedTitle && ctx.render(s.embedTitle).slice(0, 256);
		const description = s.embedDescription && ctx.render(s.embedDescription).slice(0, 4096);
		if (title) embed.title = title;
		if (description) embed.description = description;
		if (s.embedColor !== null) embed.color = s.embedColor;
		if (s.embedImageUrl) embed.image = { url: s.embedImageUrl };
		if (s.embedThumbnail && ctx.avatarUrl) embed.thumbnail = { url: ctx.avatarUrl };
		return Object.keys(embed).length > 0 ? embed : null;
	};
}
