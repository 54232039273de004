import type { Route } from '@sapphire/plugin-api';
import type { Guild } from 'discord.js';
import { field, requestContext } from 'foyer';
import { answerSection, pagePath } from './_answer.ts';
import { renderTiersSection, type TiersSectionState } from './_tiers-section.ts';

/** The tier fields of a posted form, as typed. */
export function tierValues(request: Route.Request): Record<string, string> {
	const { body } = requestContext(request);
	return {
		name: field(body, 'name') ?? '',
		threshold: field(body, 'threshold') ?? '',
		role: field(body, 'role') ?? '',
		benefits: field(body, 'benefits') ?? '',
	};
}

/** Answers a tiers form with the tiers section (see answerSection). */
export async function answerTiers(
	request: Route.Request,
	response: Route.Response,
	guild: Guild,
	status: number,
	state: TiersSectionState,
) {
	const section = await renderTiersSection(guild, requestContext(request).session?.csrfToken ?? '', state);
	answerSection(request, response, { status, section, back: `${pagePath(guild.id)}#loyalty-tiers` });
}
