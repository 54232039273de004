import { Route } from '@sapphire/plugin-api';
import { LOCALE_NAMES, LOCALES } from '../../core/i18n/locales.ts';
import { dashboardTexts, pageLocale } from '../http/page-locale.ts';
import { requestContext } from '../http/request-context.ts';
import { guildOf, renderView, sendMemoPage } from '../http/respond.ts';
import { type GrowthSection, growthSection, PERIODS, type Period } from '../overview/growth-section.ts';
import { overviewFormat } from '../overview/overview-format.ts';
import { type PluginCard, pluginCards } from '../overview/plugin-cards.ts';
import { type PluginRow, pluginRows } from './_plugin-rows.ts';

/**
 * A server at a glance: members now, joins, leaves and net growth per day over 30 or 90 days
 * (`?days=90`), each plugin's key figures, every plugin with its state there, switchable in place,
 * and the server's language.
 */
export class DashboardGuildOverviewRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'guilds/[guild]', methods: ['GET'] });
	}

	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const ctx = requestContext(request);
		const locale = pageLocale(request);
		const days: Period = request.query.days === '90' ? 90 : 30;
		const [growth, cards] = await Promise.all([growthSection(guild, days, locale), pluginCards(guild, locale)]);
		const plugins = pluginRows(guild, locale);
		const csrf = ctx.session?.csrfToken ?? '';
		const saved = request.query.saved === 'language';
		// Everything the body shows: the same key gives the same bytes, sent again without rendering.
		const key = JSON.stringify([guild.name, guild.memberCount, growth.stamp, cards, plugins, csrf, locale, saved]);
		sendMemoPage(
			request,
			response,
			{ slot: `overview:${ctx.session?.idHash}:${guild.id}:${days}`, key, title: guild.name, active: 'overview' },
			() =>
				this.#body({ id: guild.id, name: guild.name, members: guild.memberCount }, locale, days, {
					growth,
					cards,
					plugins,
					csrf,
					saved,
				}),
		);
	}

	#body(
		guild: { id: string; name: string; members: number },
		locale: string,
		days: Period,
		parts: { growth: GrowthSection; cards: PluginCard[]; plugins: PluginRow[]; csrf: string; saved: boolean },
	): string {
		const t = dashboardTexts(locale);
		const F = overviewFormat(locale);
		const { growth } = parts;
		const figures = [
			{ label: t('overview.membersNow'), value: F.number(guild.members) },
			{ label: t('overview.joined', { days }), value: F.number(growth.totals.joins) },
			{ label: t('overview.left', { days }), value: F.number(growth.totals.leaves) },
			{ label: t('overview.net', { days }), value: F.signed(growth.totals.net) },
		];
		return renderView('pages/overview', {
			locale,
			guild: { id: guild.id, name: guild.name },
			figures,
			growth: growth.html,
			periods: PERIODS.map((p) => ({ days: p, label: t('overview.period', { days: p }), current: p === days })),
			cards: parts.cards,
			plugins: parts.plugins,
			csrf: parts.csrf,
			languages: LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l], selected: l === locale })),
			languageSaved: parts.saved,
		});
	}
}
