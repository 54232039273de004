import { Route } from '@sapphire/plugin-api';
import { guildOf, pageLocale, requestContext, sendPluginPage, type Translate } from 'foyer';
import { renderRulesSection } from '../../_rules-section.ts';
import { type AutorolesStatsView, readStats } from '../../_stats.ts';
import plugin from '../../plugin.ts';

/** GET /autoroles/<guild>: the counters, the last error, the rules and the "Add a rule" form. */
export class AutorolesPageRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const stats = await readStats(guild.id);
		const locale = pageLocale(request);
		const t = plugin.translator({ locale });
		const extra = await renderRulesSection(guild, requestContext(request).session?.csrfToken ?? '', locale);
		await sendPluginPage(request, response, {
			pluginId: plugin.id,
			figures: [
				{ label: t('page.given'), value: stats.assigned },
				{ label: t('page.notGiven'), value: stats.failed },
			],
			notices: lastErrorNotice(stats, t),
			extra,
		});
	}
}

function lastErrorNotice(stats: AutorolesStatsView, t: Translate): string[] {
	if (!stats.lastError) return [];
	const when = stats.lastErrorAt ? ` (${stats.lastErrorAt.toISOString().slice(0, 16).replace('T', ' ')} UTC)` : '';
	return [t('page.lastError', { when, error: stats.lastError })];
}
