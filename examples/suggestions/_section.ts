import type { Guild } from 'discord.js';
import { listSuggestions } from './_suggestions.ts';
import plugin from './plugin.ts';

export const pagePath = (guildId: string) => `/${plugin.id}/${guildId}`;

/** The suggestions table with its Approve / Decline buttons: the page's part that every post answers whole. */
export async function renderSuggestions(
	guild: Guild,
	csrf: string,
	message: { kind: 'ok' | 'error'; text: string } | null = null,
): Promise<string> {
	const rows = await listSuggestions(guild.id);
	return plugin.views.render('suggestions', {
		base: pagePath(guild.id),
		csrf,
		message,
		rows: rows.map((r) => ({
			...r,
			author: guild.members.cache.get(r.authorId)?.displayName ?? r.authorId,
			when: r.createdAt.toISOString().slice(0, 16).replace('T', ' '),
		})),
	});
}
