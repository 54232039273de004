import { Route } from '@sapphire/plugin-api';
import { sendAsset } from './assets.ts';

/** Browsers ask for /favicon.ico whatever the page links: the same icon, not a 404. */
export class DashboardFaviconRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'favicon.ico', methods: ['GET'], access: 'public' });
	}

	override run(_request: Route.Request, response: Route.Response) {
		sendAsset(response, 'favicon.svg');
	}
}
