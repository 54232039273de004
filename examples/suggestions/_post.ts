import { EmbedBuilder } from 'discord.js';
import type { Status, SuggestionRow } from './_suggestions.ts';

const COLOURS: Record<Status, number> = { open: 0x5865f2, approved: 0x57f287, declined: 0xed4245 };
const TITLES: Record<Status, string> = { open: 'Suggestion', approved: 'Approved', declined: 'Declined' };

/** The post of a suggestion: the idea as written (embeds never ping), who suggested it, its status. */
export function suggestionEmbed(row: Pick<SuggestionRow, 'id' | 'text' | 'authorId' | 'status'>, author: string) {
	const status = row.status as Status;
	return new EmbedBuilder()
		.setTitle(`${TITLES[status]} #${row.id}`)
		.setDescription(row.text)
		.setColor(COLOURS[status])
		.setFooter({ text: `Suggested by ${author} · vote with 👍 or 👎` });
}
