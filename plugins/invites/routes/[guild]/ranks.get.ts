import { Route } from '@sapphire/plugin-api';
import { guildOf, requestContext, sendPage } from 'foyer';
import { wordsOf } from '../../dashboard/_format.ts';
import { subnav } from '../../dashboard/_paths.ts';
import { renderRanksSection } from '../../dashboard/_ranks-section.ts';
import plugin from '../../plugin.ts';

/** GET /invites/<guild>/ranks: the ranks editor. */
export class InvitesRanksRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const w = wordsOf(request);
		const section = await renderRanksSection(guild, requestContext(request).session?.csrfToken ?? '', w);
		const body = plugin.views.render('ranks-page', {
			locale: w.locale,
			links: subnav(guild.id, 'ranks', w.t),
			section,
		});
		sendPage(request, response, { title: w.t('page.titles.ranks'), body, active: `plugin:${plugin.id}:` });
	}
}
