import { Route } from '@sapphire/plugin-api';
import { guildOf, pageLocale, sendPage } from 'foyer';
import { pagePath } from '../../_answer.ts';
import { leaderboardRows } from '../../_leaderboard-rows.ts';
import plugin from '../../plugin.ts';

/** GET /loyalty/<guild>/leaderboard?page=N: members by points, 25 per page. */
export class LoyaltyLeaderboardRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const locale = pageLocale(request);
		const board = await leaderboardRows(guild, Number(request.query.page ?? 1), 25);
		const body = plugin.views.render('leaderboard', {
			locale,
			base: pagePath(guild.id),
			rows: board.items,
			page: board.page,
			pages: board.pages,
			total: board.total,
		});
		sendPage(request, response, {
			title: plugin.t('page.leaderboardTitle', { locale }),
			body,
			active: `plugin:${plugin.id}:`,
		});
	}
}
