import type { EmbedTemplate } from 'foyer';

export interface JoinEmbedSettings {
	embedTitle: string;
	embedDescription: string;
	embedColor: number | null;
	embedImageUrl: string;
	embedThumbnail: boolean;
}

/** The welcome embed as data (rendered by the core; a combined message carries no avatar). */
export function joinEmbed(s: JoinEmbedSettings): EmbedTemplate {
	return {
		title: s.embedTitle,
		description: s.embedDescription,
		color: s.embedColor,
		imageUrl: s.embedImageUrl,
		thumbnail: s.embedThumbnail,
	};
}
