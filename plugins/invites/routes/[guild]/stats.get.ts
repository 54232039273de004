import { Route } from '@sapphire/plugin-api';
import { guildOf, sendPage } from 'foyer';
import { renderStatsPage } from '../../dashboard/_stats-page.ts';
import plugin from '../../plugin.ts';

/** GET /invites/<guild>/stats?from=YYYY-MM-DD&to=YYYY-MM-DD: totals, the chart and top inviters of the range. */
export class InvitesStatsRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const { status, body } = await renderStatsPage(guild, request.query);
		sendPage(request, response, { title: 'Invite statistics', body, status, active: `plugin:${plugin.id}:stats` });
	}
}
