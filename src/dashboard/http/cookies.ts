import type { IncomingMessage, ServerResponse } from 'node:http';

export const SESSION_COOKIE = 'foyer_session';
export const OAUTH_STATE_COOKIE = 'foyer_oauth_state';

export function readCookie(request: IncomingMessage, name: string): string | null {
	for (const pair of (request.headers.cookie ?? '').split(';')) {
		const i = pair.indexOf('=');
		if (i !== -1 && pair.slice(0, i).trim() === name) {
			try {
				return decodeURIComponent(pair.slice(i + 1).trim());
			} catch {
				return null;
			}
		}
	}
	return null;
}

/**
 * Sets a cookie with the attributes plugin-api's cookie store cannot (SameSite); HttpOnly always,
 * Secure when the dashboard is served over https. No Domain: the cookie stays on this host.
 */
export function setCookie(
	response: ServerResponse,
	name: string,
	value: string,
	options: { maxAgeS: number; secure: boolean; path?: string },
): void {
	const parts = [
		`${name}=${encodeURIComponent(value)}`,
		`Path=${options.path ?? '/'}`,
		`Max-Age=${Math.max(0, Math.floor(options.maxAgeS))}`,
		'HttpOnly',
		'SameSite=Lax',
	];
	if (options.secure) parts.push('Secure');
	const existing = response.getHeader('Set-Cookie');
	const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
	response.setHeader('Set-Cookie', [...list.filter((c) => !c.startsWith(`${name}=`)), parts.join('; ')]);
}

export function clearCookie(response: ServerResponse, name: string, secure: boolean): void {
	setCookie(response, name, '', { maxAgeS: 0, secure });
}
