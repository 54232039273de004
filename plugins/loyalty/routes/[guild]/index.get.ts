import { Route } from '@sapphire/plugin-api';
import { guildOf, pageLocale, requestContext, sendPluginPage } from 'foyer';
import { pagePath } from '../../_answer.ts';
import { leaderboardRows } from '../../_leaderboard-rows.ts';
import { renderPurchaseSection } from '../../_purchase-section.ts';
import { figures, lastProblem } from '../../_stats.ts';
import { renderTiersSection } from '../../_tiers-section.ts';
import { renderWebhookSection } from '../../_webhook-section.ts';
import plugin from '../../plugin.ts';

/** GET /loyalty/<guild>: counters, rules (settings), leaderboard, member lookup, tiers, manual purchases, webhook. */
export class LoyaltyPageRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const csrf = requestContext(request).session?.csrfToken ?? '';
		const top = await leaderboardRows(guild, 1, 10);
		const extra = [
			plugin.views.render('overview', {
				locale: pageLocale(request),
				base: pagePath(guild.id),
				top: top.items,
				more: top.pages > 1,
			}),
			await renderTiersSection(guild, csrf),
			renderPurchaseSection(guild, csrf),
			await renderWebhookSection(request, guild),
		].join('\n');
		await sendPluginPage(request, response, {
			pluginId: plugin.id,
			figures: await figures(guild.id, pageLocale(request)),
			notices: await lastProblem(guild.id),
			extra,
		});
	}
}
