import type { ApiRequest, ApiResponse } from '@sapphire/plugin-api';
import type { Message } from 'discord.js';
import { messageFromDiscordJs } from '../discord-render/from-message.ts';
import { guildMentions } from '../discord-render/mentions.ts';
import { renderDiscordMessage } from '../discord-render/render-message.ts';
import { dashboardTexts, pageLocale } from './page-locale.ts';
import { isHtmx, requestContext } from './request-context.ts';
import { renderView, sendFragment, sendPage } from './respond.ts';

export interface ActionResult {
	kind: 'ok' | 'error';
	text: string;
	/** 200 by default; a 4xx/5xx says why the action did nothing. */
	status?: number;
	/** Where a plain (no-JavaScript) form goes back to. */
	back: string;
	/** The message the action sent (a test welcome, a test DM), shown as members see it. */
	message?: Message;
}

function sentMessageHtml(request: ApiRequest, message: Message | undefined, locale: string): string {
	const guild = message?.guild ?? requestContext(request).guild;
	if (!message || !guild) return '';
	const html = renderDiscordMessage(messageFromDiscordJs(message), { mentions: guildMentions(guild), locale });
	return renderView('partials/sent-message', { locale, message: html });
}

/** The answer to an action button: a message fragment for htmx, a small page with a way back otherwise. */
export function sendActionResult(request: ApiRequest, response: ApiResponse, result: ActionResult): void {
	const locale = pageLocale(request);
	const flash = renderView('partials/flash', { locale, flash: { kind: result.kind, text: result.text } });
	const sent = sentMessageHtml(request, result.message, locale);
	const status = result.status ?? (result.kind === 'ok' ? 200 : 400);
	if (isHtmx(request)) {
		sendFragment(response, status, flash + sent);
		return;
	}
	const body = sent + renderView('pages/action-result', { locale, back: result.back });
	const title = dashboardTexts(locale)(result.kind === 'ok' ? 'action.done' : 'action.notDone');
	sendPage(request, response, { title, body, status, flash: result });
}
