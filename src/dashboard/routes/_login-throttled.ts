import type { ApiRequest, ApiResponse } from '@sapphire/plugin-api';
import { runningDashboard } from '../container.ts';
import { pageTexts } from '../http/page-locale.ts';
import { sendError } from '../http/respond.ts';

const minutes = (s: number) => Math.max(1, Math.ceil(s / 60));

/**
 * Counts a login request from the client's address; when it is one too many, answers 429 with
 * Retry-After and a page that says how long to wait, and returns true (the route stops there).
 */
export function loginThrottled(request: ApiRequest, response: ApiResponse): boolean {
	const answer = runningDashboard().logins.take(request.socket.remoteAddress ?? 'unknown');
	if (answer.ok) return false;
	response.setHeader('Retry-After', String(answer.retryAfterS));
	sendError(request, response, 429, pageTexts(request)('login.throttled', { minutes: minutes(answer.retryAfterS) }));
	return true;
}
