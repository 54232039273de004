import type { Route } from '@sapphire/plugin-api';
import type { Guild } from 'discord.js';
import { isHtmx, pageLocale, redirect, requestContext, sendPage } from 'foyer';
import { pagePath, type RulesSectionState, renderRulesSection } from './_rules-section.ts';
import plugin from './plugin.ts';

/**
 * How every rules post answers. htmx gets the rules section (its own target), with `status`
 * (422 and the errors beside their fields, or 200 and what was done). A plain form gets a 303 back
 * to the page after a change, and after a refusal the section as a page, with the errors and a 4xx.
 */
export async function answerRules(
	request: Route.Request,
	response: Route.Response,
	guild: Guild,
	status: number,
	state: RulesSectionState,
): Promise<void> {
	if (status < 400 && !isHtmx(request)) return redirect(response, pagePath(guild.id));
	const csrf = requestContext(request).session?.csrfToken ?? '';
	const locale = pageLocale(request);
	const section = await renderRulesSection(guild, csrf, locale, state);
	const body = isHtmx(request)
		? section
		: plugin.views.render('refused', { locale, base: pagePath(guild.id), section });
	const title = plugin.t('view.title', { locale });
	sendPage(request, response, { title, body, status, active: `plugin:${plugin.id}:` });
}
