import { Route } from '@sapphire/plugin-api';
import { requestContext } from '../http/request-context.ts';
import { guildOf, renderView, sendPage } from '../http/respond.ts';
import { growthSection, PERIODS, type Period } from '../overview/growth-section.ts';
import { OVERVIEW_FORMAT as F } from '../overview/overview-format.ts';
import { OVERVIEW_LABELS as L } from '../overview/overview-labels.ts';
import { pluginCards } from '../overview/plugin-cards.ts';
import { pluginRows } from './_plugin-rows.ts';

/**
 * A server at a glance: members now, joins, leaves and net growth per day over 30 or 90 days
 * (`?days=90`), each plugin's key figures, and every plugin with its state there, switchable in place.
 */
export class DashboardGuildOverviewRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'guilds/[guild]', methods: ['GET'] });
	}

	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const days: Period = request.query.days === '90' ? 90 : 30;
		const [growth, cards] = await Promise.all([growthSection(guild, days), pluginCards(guild)]);
		const figures = [
			{ label: L.membersNow, value: F.number(guild.memberCount) },
			{ label: L.joined(days), value: F.number(growth.totals.joins) },
			{ label: L.left(days), value: F.number(growth.totals.leaves) },
			{ label: L.net(days), value: F.signed(growth.totals.net) },
		];
		const body = renderView('pages/overview', {
			guild: { id: guild.id, name: guild.name },
			figures,
			growth: growth.html,
			periods: PERIODS.map((p) => ({ days: p, label: L.period(p), current: p === days })),
			cards,
			plugins: pluginRows(guild),
			csrf: requestContext(request).session?.csrfToken ?? '',
			labels: {
				growth: L.growth,
				periodNav: L.periodNav,
				plugins: L.plugins,
				off: L.off,
				unavailable: L.figuresUnavailable,
				open: L.open,
			},
		});
		sendPage(request, response, { title: guild.name, body, active: 'overview' });
	}
}
