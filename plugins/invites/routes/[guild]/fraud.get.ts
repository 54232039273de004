import { Route } from '@sapphire/plugin-api';
import { guildOf, requestContext, sendPage } from 'foyer';
import { renderBlacklistSection } from '../../dashboard/_blacklist-section.ts';
import { wordsOf } from '../../dashboard/_format.ts';
import { renderJoinTable } from '../../dashboard/_join-table.ts';
import { pagePath, settingsPath, subnav } from '../../dashboard/_paths.ts';
import plugin from '../../plugin.ts';
import { suspiciousJoins } from '../../records/index.ts';

/** GET /invites/<guild>/fraud?page=N: flagged joins with their evidence, and the blacklist. */
export class InvitesFraudRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const w = wordsOf(request);
		const csrf = requestContext(request).session?.csrfToken ?? '';
		const n = Number(request.query.page ?? 1);
		const page = await suspiciousJoins(guild.id, Number.isInteger(n) && n >= 1 ? n : 1, 25);
		const base = pagePath(guild.id);
		const body = plugin.views.render('fraud', {
			locale: w.locale,
			base,
			settings: settingsPath(guild.id),
			links: subnav(guild.id, 'fraud', w.t),
			table: renderJoinTable(guild, page, (p) => `${base}/fraud?page=${p}`, w.t('fraud.empty'), w),
			blacklist: await renderBlacklistSection(guild, csrf, w),
		});
		sendPage(request, response, { title: w.t('page.titles.fraud'), body, active: `plugin:${plugin.id}:` });
	}
}
