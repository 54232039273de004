import { Route } from '@sapphire/plugin-api';
import { runningDashboard } from '../container.ts';
import { clearCookie, SESSION_COOKIE } from '../http/cookies.ts';
import { isHtmx, requestContext } from '../http/request-context.ts';
import { redirect } from '../http/respond.ts';

/** Ends the session on the server (the cookie alone is worthless after this) and revokes the token. */
export class DashboardLogoutRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'logout', methods: ['POST'] });
	}

	override async run(request: Route.Request, response: Route.Response) {
		const dashboard = runningDashboard();
		const session = requestContext(request).session;
		if (session) {
			await dashboard.sessions.delete(session.idHash);
			dashboard.forgetSession(session);
			await dashboard.oauth.revoke(session.accessToken);
		}
		clearCookie(response, SESSION_COOKIE, dashboard.secureCookies);
		if (isHtmx(request)) {
			response.setHeader('HX-Redirect', '/login');
			response.writeHead(204).end();
			return;
		}
		redirect(response, '/login');
	}
}
