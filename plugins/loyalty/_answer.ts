import type { Route } from '@sapphire/plugin-api';
import { isHtmx, pageLocale, redirect, sendPage } from 'foyer';
import plugin from './plugin.ts';

export const pagePath = (guildId: string) => `/${plugin.id}/${guildId}`;

export interface SectionAnswer {
	status: number;
	/** The section as it is now (with the message or the errors beside their fields). */
	section: string;
	/** Where a plain form goes back to after a change (303). */
	back: string;
	/** Answer the section even to a plain form after a change (a secret shown once cannot go through a redirect). */
	show?: boolean;
}

/**
 * How every loyalty form answers. htmx gets the section it targets (422 with the errors, or 200 and
 * what was done); a plain form gets a 303 back after a change, and after a refusal the section as a
 * page with the errors and the 4xx.
 */
export function answerSection(request: Route.Request, response: Route.Response, a: SectionAnswer) {
	if (a.status < 400 && !isHtmx(request) && !a.show) return redirect(response, a.back);
	const locale = pageLocale(request);
	const body = isHtmx(request)
		? a.section
		: plugin.views.render('section-page', { locale, back: a.back, section: a.section });
	sendPage(request, response, {
		title: plugin.t('page.title', { locale }),
		body,
		status: a.status,
		active: `plugin:${plugin.id}:`,
	});
}
