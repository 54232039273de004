import type { ApiRequest, ApiResponse } from '@sapphire/plugin-api';
import { isHtmx } from './request-context.ts';
import { renderView, sendFragment, sendPage } from './respond.ts';

export interface ActionResult {
	kind: 'ok' | 'error';
	text: string;
	/** 200 by default; a 4xx/5xx says why the action did nothing. */
	status?: number;
	/** Where a plain (no-JavaScript) form goes back to. */
	back: string;
}

/** The answer to an action button: a message fragment for htmx, a small page with a way back otherwise. */
export function sendActionResult(request: ApiRequest, response: ApiResponse, result: ActionResult): void {
	const flash = renderView('partials/flash', { flash: { kind: result.kind, text: result.text } });
	const status = result.status ?? (result.kind === 'ok' ? 200 : 400);
	if (isHtmx(request)) {
		sendFragment(response, status, flash);
		return;
	}
	const body = renderView('pages/action-result', { back: result.back });
	sendPage(request, response, { title: result.kind === 'ok' ? 'Done' : 'Not done', body, status, flash: result });
}
