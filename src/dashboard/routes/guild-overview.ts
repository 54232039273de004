import { Route } from '@sapphire/plugin-api';
import { requestContext } from '../http/request-context.ts';
import { guildOf, renderView, sendMemoPage } from '../http/respond.ts';
import { type GrowthSection, growthSection, PERIODS, type Period } from '../overview/growth-section.ts';
import { OVERVIEW_FORMAT as F } from '../overview/overview-format.ts';
import { OVERVIEW_LABELS as L } from '../overview/overview-labels.ts';
import { type PluginCard, pluginCards } from '../overview/plugin-cards.ts';
import { type PluginRow, pluginRows } from './_plugin-rows.ts';

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
		const ctx = requestContext(request);
		const days: Period = request.query.days === '90' ? 90 : 30;
		const [growth, cards] = await Promise.all([growthSection(guild, days), pluginCards(guild)]);
		const plugins = pluginRows(guild);
		const csrf = ctx.session?.csrfToken ?? '';
		// Everything the body shows: the same key gives the same bytes, sent again without rendering.
		const key = JSON.stringify([guild.name, guild.memberCount, growth.stamp, cards, plugins, csrf]);
		sendMemoPage(
			request,
			response,
			{ slot: `overview:${ctx.session?.idHash}:${guild.id}:${days}`, key, title: guild.name, active: 'overview' },
			() => this.#body(guild.id, guild.name, guild.memberCount, days, growth, cards, plugins, csrf),
		);
	}

	#body(
		guildId: string,
		name: string,
		members: number,
		days: Period,
		growth: GrowthSection,
		cards: PluginCard[],
		plugins: PluginRow[],
		csrf: string,
	): string {
		const figures = [
			{ label: L.membersNow, value: F.number(members) },
			{ label: L.joined(days), value: F.number(growth.totals.joins) },
			{ label: L.left(days), value: F.number(growth.totals.leaves) },
			{ label: L.net(days), value: F.signed(growth.totals.net) },
		];
		return renderView('pages/overview', {
			guild: { id: guildId, name },
			figures,
			growth: growth.html,
			periods: PERIODS.map((p) => ({ days: p, label: L.period(p), current: p === days })),
			cards,
			plugins,
			csrf,
			labels: {
				growth: L.growth,
				periodNav: L.periodNav,
				plugins: L.plugins,
				off: L.off,
				unavailable: L.figuresUnavailable,
			},
		});
	}
}
