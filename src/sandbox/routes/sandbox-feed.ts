import { Route } from '@sapphire/plugin-api';
import { runningDashboard } from '../../dashboard/container.ts';
import { pageLocale, pageTexts } from '../../dashboard/http/page-locale.ts';
import { guildOf, renderView, sendError, sendFragment } from '../../dashboard/http/respond.ts';
import { sandboxFeed } from '../sandbox-feed.ts';

/** The sandbox's channel feed as a fragment, polled by the sandbox page. */
export class DashboardSandboxFeedRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'guilds/[guild]/sandbox/feed', methods: ['GET'] });
	}

	override async run(request: Route.Request, response: Route.Response) {
		const sandbox = runningDashboard().sandbox;
		if (!sandbox) return sendError(request, response, 404, pageTexts(request)('sandbox.only'));
		const guild = guildOf(request);
		const feed = await sandboxFeed(sandbox.emulatorUrl, guild, pageLocale(request));
		const html = renderView('partials/sandbox-feed', feed);
		sendFragment(response, 200, html);
	}
}
