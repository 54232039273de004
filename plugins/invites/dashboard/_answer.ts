import type { Route } from '@sapphire/plugin-api';
import { isHtmx, pageLocale, redirect, sendPage } from 'foyer';
import plugin from '../plugin.ts';

export interface SectionAnswer {
	status: number;
	/** The page's title, as a key of `page.titles` in the catalogs. */
	title: 'codes' | 'blacklist' | 'ranks';
	/** The section as it is now (with the message, or the errors beside their fields). */
	section: string;
	/** Where a plain form goes back to after a change (303). */
	back: string;
}

/**
 * How every form of the invite pages answers: htmx gets the section it targets (422 with the
 * errors beside their fields, or 200 and what was done); a plain form gets a 303 back after a
 * change, and after a refusal the section as a page with the errors and the 4xx.
 */
export function answerSection(request: Route.Request, response: Route.Response, a: SectionAnswer) {
	if (a.status < 400 && !isHtmx(request)) return redirect(response, a.back);
	const locale = pageLocale(request);
	const title = plugin.t(`page.titles.${a.title}`, { locale });
	const body = isHtmx(request)
		? a.section
		: plugin.views.render('section-page', { locale, title, back: a.back, section: a.section });
	sendPage(request, response, { title, body, status: a.status, active: `plugin:${plugin.id}:` });
}

/** The ISO form of a moment, for `<time datetime>`. */
export const isoTime = (ms: number) => new Date(ms).toISOString();
