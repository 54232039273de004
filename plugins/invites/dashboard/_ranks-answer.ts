import type { Route } from '@sapphire/plugin-api';
import type { Guild } from 'discord.js';
import { requestContext } from 'foyer';
import plugin from '../plugin.ts';
import { answerSection } from './_answer.ts';
import type { PageWords } from './_format.ts';
import { pagePath } from './_paths.ts';
import { type RanksState, renderRanksSection } from './_ranks-section.ts';

/** Answers a ranks form with the ranks section (see answerSection). */
export async function answerRanks(
	request: Route.Request,
	response: Route.Response,
	guild: Guild,
	w: PageWords,
	status: number,
	state: RanksState,
) {
	const section = await renderRanksSection(guild, requestContext(request).session?.csrfToken ?? '', w, state);
	answerSection(request, response, {
		status,
		title: 'ranks',
		section,
		back: `${pagePath(guild.id, 'ranks')}#invites-ranks`,
	});
}

/**
 * Queues the re-sync of every member's rank roles (the invites plugin's `rank-sync` task). Not
 * keyed: a keyed BullMQ job cannot be replaced while it runs, and a second sync is harmless.
 */
export async function queueRankSync(guildId: string): Promise<void> {
	await plugin.schedule('rank-sync', { guildId }, { delayMs: 0 });
}
