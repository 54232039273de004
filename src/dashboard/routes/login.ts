import { Route } from '@sapphire/plugin-api';
import { runningDashboard } from '../container.ts';
import { readCookie, SESSION_COOKIE } from '../http/cookies.ts';
import { pageLocale, pageTexts } from '../http/page-locale.ts';
import { redirect, renderView, sendPage } from '../http/respond.ts';
import { hashSessionId } from '../sessions/session-store.ts';
import { safeNext } from './_safe-next.ts';

export class DashboardLoginRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'login', methods: ['GET'], access: 'public' });
	}

	override async run(request: Route.Request, response: Route.Response) {
		const next = safeNext(request.query.next);
		const cookie = readCookie(request, SESSION_COOKIE);
		const session = cookie ? await runningDashboard().sessions.get(hashSessionId(cookie)) : null;
		if (session && session.expiresAt > Date.now()) return redirect(response, next);
		const body = renderView('pages/login', {
			locale: pageLocale(request),
			next,
			sandbox: runningDashboard().sandbox !== null,
		});
		sendPage(request, response, { title: pageTexts(request)('login.pageTitle'), body });
	}
}
