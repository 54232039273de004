import { Route } from '@sapphire/plugin-api';
import { guildOf, requestContext, sendPluginPage } from 'foyer';
import { renderRulesSection } from '../../_rules-section.ts';
import { type AutorolesStatsView, readStats } from '../../_stats.ts';
import plugin from '../../plugin.ts';

/** GET /autoroles/<guild>: the counters, the last error, the rules and the "Add a rule" form. */
export class AutorolesPageRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const stats = await readStats(guild.id);
		const extra = await renderRulesSection(guild, requestContext(request).session?.csrfToken ?? '');
		await sendPluginPage(request, response, {
			pluginId: plugin.id,
			figures: [
				{ label: 'Roles given', value: stats.assigned },
				{ label: 'Roles not given', value: stats.failed },
			],
			notices: lastErrorNotice(stats),
			extra,
		});
	}
}

function lastErrorNotice(stats: AutorolesStatsView): string[] {
	if (!stats.lastError) return [];
	const when = stats.lastErrorAt ? ` (${stats.lastErrorAt.toISOString().slice(0, 16).replace('T', ' ')} UTC)` : '';
	return [`Last time a role could not be given${when}: ${stats.lastError}`];
}
