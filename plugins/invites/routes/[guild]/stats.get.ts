import { Route } from '@sapphire/plugin-api';
import { guildOf, sendPage } from 'foyer';
import { wordsOf } from '../../dashboard/_format.ts';
import { renderStatsPage } from '../../dashboard/_stats-page.ts';
import plugin from '../../plugin.ts';

/** GET /invites/<guild>/stats?from=YYYY-MM-DD&to=YYYY-MM-DD: totals, the chart and top inviters of the range. */
export class InvitesStatsRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const w = wordsOf(request);
		const { status, body } = await renderStatsPage(guild, request.query, w);
		sendPage(request, response, {
			title: w.t('page.titles.stats'),
			body,
			status,
			active: `plugin:${plugin.id}:stats`,
		});
	}
}
