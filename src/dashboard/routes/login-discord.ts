import { Route } from '@sapphire/plugin-api';
import { runningDashboard } from '../container.ts';
import { OAUTH_STATE_COOKIE, setCookie } from '../http/cookies.ts';
import { redirect } from '../http/respond.ts';
import { newToken } from '../sessions/session-store.ts';
import { loginThrottled } from './_login-throttled.ts';
import { safeNext } from './_safe-next.ts';

/** Starts the OAuth2 authorization-code flow; the state cookie ties the callback to this browser. */
export class DashboardLoginDiscordRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'login/discord', methods: ['GET'], access: 'public' });
	}

	override run(request: Route.Request, response: Route.Response) {
		if (loginThrottled(request, response)) return;
		const dashboard = runningDashboard();
		const state = newToken();
		const next = safeNext(request.query.next);
		setCookie(response, OAUTH_STATE_COOKIE, `${state}|${next}`, {
			maxAgeS: 600,
			secure: dashboard.secureCookies,
			path: '/oauth',
		});
		redirect(response, dashboard.oauth.authorizeUrl(dashboard.redirectUri, state));
	}
}
