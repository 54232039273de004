import type { Route } from '@sapphire/plugin-api';
import type { Guild } from 'discord.js';
import { isHtmx, pageLocale, redirect, requestContext, sendPage } from 'foyer';
import { type PanelMessage, pagePath, renderPanel } from './_panel.ts';
import plugin from './plugin.ts';

/**
 * How every action of the page answers: htmx gets the panel (its own target) with what was done or
 * why not; a plain form gets a 303 back to the page after a change, and the panel as a page with
 * the reason and a 4xx after a refusal.
 */
export async function answerPanel(
	request: Route.Request,
	response: Route.Response,
	guild: Guild,
	status: number,
	message: PanelMessage,
): Promise<void> {
	if (status < 400 && !isHtmx(request)) return redirect(response, pagePath(guild.id));
	const csrf = requestContext(request).session?.csrfToken ?? '';
	const locale = pageLocale(request);
	const panel = await renderPanel(guild, csrf, locale, message);
	const body = isHtmx(request) ? panel : plugin.views.render('refused', { locale, base: pagePath(guild.id), panel });
	const title = plugin.t('page.title', { locale });
	sendPage(request, response, { title, body, status, active: `plugin:${plugin.id}:` });
}
