import { Route } from '@sapphire/plugin-api';
import { runningDashboard } from '../container.ts';
import { clearCookie, OAUTH_STATE_COOKIE, readCookie, SESSION_COOKIE, setCookie } from '../http/cookies.ts';
import { pageTexts } from '../http/page-locale.ts';
import { redirect, sendError } from '../http/respond.ts';
import { hashSessionId, newToken } from '../sessions/session-store.ts';
import { loginThrottled } from './_login-throttled.ts';
import { safeNext } from './_safe-next.ts';

/** Discord (or the emulator) sends the browser back here with a code: exchange it, open a session. */
export class DashboardOAuthCallbackRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'oauth/callback', methods: ['GET'], access: 'public' });
	}

	override async run(request: Route.Request, response: Route.Response) {
		if (loginThrottled(request, response)) return;
		const dashboard = runningDashboard();
		const [state, next] = (readCookie(request, OAUTH_STATE_COOKIE) ?? '').split('|');
		clearCookie(response, OAUTH_STATE_COOKIE, dashboard.secureCookies);
		if (request.query.error)
			return sendError(
				request,
				response,
				400,
				pageTexts(request)('login.notAuthorized', { error: String(request.query.error) }),
			);
		const code = typeof request.query.code === 'string' ? request.query.code : '';
		if (!state || request.query.state !== state || !code)
			return sendError(request, response, 400, pageTexts(request)('login.expired'));
		let token: string;
		let user: Awaited<ReturnType<typeof dashboard.oauth.me>>;
		try {
			token = (await dashboard.oauth.exchange(code, dashboard.redirectUri)).access_token;
			user = await dashboard.oauth.me(token);
		} catch (error) {
			this.container.log.warn({ err: error }, 'Dashboard login failed at the token exchange');
			return sendError(request, response, 502, pageTexts(request)('login.refused'));
		}
		const id = newToken();
		const now = Date.now();
		await dashboard.sessions.put({
			idHash: hashSessionId(id),
			userId: user.id,
			username: user.username,
			avatar: user.avatar ?? null,
			accessToken: token,
			csrfToken: newToken(),
			createdAt: now,
			expiresAt: now + dashboard.sessionTtlMs,
		});
		setCookie(response, SESSION_COOKIE, id, {
			maxAgeS: dashboard.sessionTtlMs / 1000,
			secure: dashboard.secureCookies,
		});
		this.container.log.info({ user: user.id }, 'Dashboard login');
		redirect(response, safeNext(next));
	}
}
