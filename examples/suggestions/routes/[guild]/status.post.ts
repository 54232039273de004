import { Route } from '@sapphire/plugin-api';
import type { Guild } from 'discord.js';
import { field, guildOf, isHtmx, recordDashboardChange, redirect, requestContext, sendPage } from 'foyer';
import { suggestionEmbed } from '../../_post.ts';
import { pagePath, renderSuggestions } from '../../_section.ts';
import { findById, type Status, setStatus } from '../../_suggestions.ts';
import plugin from '../../plugin.ts';

const DECISIONS = new Set<Status>(['approved', 'declined']);

/** POST /suggestions/<guild>/status (fields `id`, `status`): approves or declines a suggestion. */
export class SuggestionsStatusRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const body = requestContext(request).body;
		const id = Number(field(body, 'id'));
		const status = field(body, 'status') as Status;
		const answer = (code: number, message: { kind: 'ok' | 'error'; text: string }) =>
			answerSection(request, response, guild, code, message);
		if (!DECISIONS.has(status)) return answer(422, { kind: 'error', text: 'Choose Approve or Decline.' });
		const row = Number.isInteger(id) ? await findById(guild.id, id) : null;
		if (!row) return answer(422, { kind: 'error', text: 'No such suggestion here; the list below is up to date.' });
		if (row.status === status) return answer(422, { kind: 'error', text: `Suggestion #${id} is already ${status}.` });
		await setStatus(row.id, status);
		plugin.counters.add(guild.id, status);
		await recordDashboardChange(request, {
			plugin: plugin.id,
			guildId: guild.id,
			action: `${plugin.id}.${status === 'approved' ? 'approve' : 'decline'}`,
			before: { id: row.id, status: row.status },
			after: { id: row.id, status },
		});
		const edited = await editPost(guild, { ...row, status });
		const text = `Suggestion #${id} ${status}.${edited ? '' : ' Its post could not be updated (deleted, or Foyer lost access).'}`;
		return answer(200, { kind: edited ? 'ok' : 'error', text });
	}
}

/** Shows the decision on the post itself; false when the post is gone or out of Foyer's reach. */
async function editPost(
	guild: Guild,
	row: Parameters<typeof suggestionEmbed>[0] & { channelId: string; messageId?: string | null },
) {
	const channel = guild.channels.cache.get(row.channelId);
	if (!row.messageId || !channel?.isTextBased()) return false;
	try {
		const post = await channel.messages.fetch(row.messageId);
		const author = guild.members.cache.get(row.authorId)?.displayName ?? 'a member';
		await post.edit({ embeds: [suggestionEmbed(row, author)], allowedMentions: { parse: [] } });
		return true;
	} catch {
		return false;
	}
}

// #region answer
/** htmx gets the section (its own target); a plain form a 303 back after a change, or the section as a page. */
async function answerSection(
	request: Route.Request,
	response: Route.Response,
	guild: Guild,
	status: number,
	message: { kind: 'ok' | 'error'; text: string },
) {
	if (status < 400 && !isHtmx(request)) return redirect(response, pagePath(guild.id));
	const section = await renderSuggestions(guild, requestContext(request).session?.csrfToken ?? '', message);
	sendPage(request, response, { title: plugin.manifest.name, body: section, status, active: `plugin:${plugin.id}:` });
}
// #endregion answer
