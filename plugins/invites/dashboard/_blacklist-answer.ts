import type { Route } from '@sapphire/plugin-api';
import type { Guild } from 'discord.js';
import { requestContext } from 'foyer';
import { answerSection } from './_answer.ts';
import { type BlacklistState, renderBlacklistSection } from './_blacklist-section.ts';
import type { PageWords } from './_format.ts';
import { pagePath } from './_paths.ts';

/** Answers a blacklist form with the blacklist section (see answerSection). */
export async function answerBlacklist(
	request: Route.Request,
	response: Route.Response,
	guild: Guild,
	w: PageWords,
	status: number,
	state: BlacklistState,
) {
	const section = await renderBlacklistSection(guild, requestContext(request).session?.csrfToken ?? '', w, state);
	answerSection(request, response, {
		status,
		title: 'blacklist',
		section,
		back: `${pagePath(guild.id, 'fraud')}#invites-blacklist`,
	});
}
