import type { ApiRequest, ApiResponse } from '@sapphire/plugin-api';
import type { Message } from 'discord.js';
import { messageFromDiscordJs } from '../discord-render/from-message.ts';
import { guildMentions } from '../discord-render/mentions.ts';
import { renderDiscordMessage } from '../discord-render/render-message.ts';
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

function sentMessageHtml(request: ApiRequest, message: Message | undefined): string {
	const guild = message?.guild ?? requestContext(request).guild;
	if (!message || !guild) return '';
	const html = renderDiscordMessage(messageFromDiscordJs(message), { mentions: guildMentions(guild) });
	return renderView('partials/sent-message', { message: html });
}

/** The answer to an action button: a message fragment for htmx, a small page with a way back otherwise. */
export function sendActionResult(request: ApiRequest, response: ApiResponse, result: ActionResult): void {
	const flash = renderView('partials/flash', { flash: { kind: result.kind, text: result.text } });
	const sent = sentMessageHtml(request, result.message);
	const status = result.status ?? (result.kind === 'ok' ? 200 : 400);
	if (isHtmx(request)) {
		sendFragment(response, status, flash + sent);
		return;
	}
	const body = sent + renderView('pages/action-result', { back: result.back });
	sendPage(request, response, { title: result.kind === 'ok' ? 'Done' : 'Not done', body, status, flash: result });
}
