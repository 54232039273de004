import { timingSafeEqual } from 'node:crypto';
import type { ApiRequest, ApiResponse } from '@sapphire/plugin-api';
import { Middleware } from '@sapphire/plugin-api';
import { BodyError, type FormFields, field, readFormBody } from '../http/body.ts';
import { clearCookie, readCookie, SESSION_COOKIE } from '../http/cookies.ts';
import { pageTexts } from '../http/page-locale.ts';
import { isHtmx, setRequestContext } from '../http/request-context.ts';
import { sendError } from '../http/respond.ts';
import { hashSessionId } from '../sessions/session-store.ts';
import { accessOf } from './route-access.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Runs before every route (after plugin-api's header and cookie middlewares): finds the session,
 * reads and size-limits the body of state-changing requests, checks the CSRF token, and enforces
 * the route's access (login, Manage Server on the `[guild]`, bot owner). Refusals end the request
 * here, so no route code runs and nothing changes.
 */
export class DashboardGuard extends Middleware {
	constructor(context: Middleware.LoaderContext) {
		super(context, { position: 50 });
	}

	override async run(request: ApiRequest, response: ApiResponse) {
		const route = request.route;
		if (!route) return;
		const dashboard = this.container.dashboard;
		const access = accessOf(route);
		response.setHeader('Vary', 'HX-Request');
		if (access === 'public') return;
		const t = pageTexts(request);
		if (!dashboard) return sendError(request, response, 503, t('error.notConfigured'));
		response.setHeader('Cache-Control', 'no-store');

		const cookie = readCookie(request, SESSION_COOKIE);
		const session = cookie ? await dashboard.sessions.get(hashSessionId(cookie)) : null;
		const live = session && session.expiresAt > Date.now() ? session : null;
		if (session && !live) await dashboard.sessions.delete(session.idHash);
		if (!live) {
			if (cookie) clearCookie(response, SESSION_COOKIE, dashboard.secureCookies);
			return this.#toLogin(request, response);
		}

		const isOwner = dashboard.owners.has(live.userId);
		// Set before any refusal, so that error pages still show who is logged in.
		setRequestContext(request, { session: live, guild: null, isOwner, body: {} });
		const unsafe = !SAFE_METHODS.has(request.method ?? 'GET');
		let body: FormFields = {};
		if (unsafe) {
			if (request.headers['sec-fetch-site'] === 'cross-site')
				return sendError(request, response, 403, t('error.crossSite'));
			try {
				body = await readFormBody(request, dashboard.maxBodyBytes);
			} catch (error) {
				if (error instanceof BodyError)
					return sendError(request, response, error.status, t(`error.body.${error.key}`, error.vars));
				throw error;
			}
			const sent = (request.headers['x-csrf-token'] as string | undefined) ?? field(body, '_csrf') ?? '';
			if (!sameToken(sent, live.csrfToken)) return sendError(request, response, 403, t('error.csrf'));
		}

		let guild = null;
		if (access === 'owner' && !isOwner) return sendError(request, response, 403, t('error.ownersOnly'));
		if (access === 'guild') {
			const result = await dashboard.access.check(live.userId, String(request.params.guild ?? ''));
			if (!result.ok) return sendError(request, response, result.status, t(`error.${result.reason}`));
			guild = result.guild;
		}
		setRequestContext(request, { session: live, guild, isOwner, body });
	}

	#toLogin(request: ApiRequest, response: ApiResponse) {
		const next = request.method === 'GET' ? (request.url ?? '/') : '/';
		const location = `/login?next=${encodeURIComponent(next)}`;
		if (isHtmx(request)) {
			response.setHeader('HX-Redirect', location);
			return sendError(request, response, 401, pageTexts(request)('error.sessionEnded'));
		}
		if (request.method !== 'GET') return sendError(request, response, 401, pageTexts(request)('error.loginFirst'));
		response.writeHead(303, { Location: location });
		response.end();
	}
}

function sameToken(sent: string, expected: string): boolean {
	const a = Buffer.from(sent);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}
