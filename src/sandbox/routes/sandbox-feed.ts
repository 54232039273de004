import { Route } from '@sapphire/plugin-api';
import { runningDashboard } from '../../dashboard/container.ts';
import { guildOf, renderView, sendError, sendFragment } from '../../dashboard/http/respond.ts';
import { sandboxFeed } from '../sandbox-feed.ts';

/** The sandbox's channel feed as a fragment, polled by the sandbox page. */
export class DashboardSandboxFeedRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'guilds/[guild]/sandbox/feed', methods: ['GET'] });
	}

	override async run(request: Route.Request, response: Route.Response) {
		const sandbox = runningDashboard().sandbox;
		if (!sandbox) return sendError(request, response, 404, 'The sandbox panel exists only in sandbox mode.');
		const guild = guildOf(request);
		const html = renderView('partials/sandbox-feed', await sandboxFeed(sandbox.emulatorUrl, guild));
		sendFragment(response, 200, html);
	}
}
