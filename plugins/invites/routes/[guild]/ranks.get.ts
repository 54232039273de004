import { Route } from '@sapphire/plugin-api';
import { guildOf, requestContext, sendPage } from 'foyer';
import { subnav } from '../../dashboard/_paths.ts';
import { renderRanksSection } from '../../dashboard/_ranks-section.ts';
import plugin from '../../plugin.ts';

/** GET /invites/<guild>/ranks: the ranks editor. */
export class InvitesRanksRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const section = await renderRanksSection(guild, requestContext(request).session?.csrfToken ?? '');
		const body = plugin.views.render('ranks-page', { links: subnav(guild.id, 'ranks'), section });
		sendPage(request, response, { title: 'Invite ranks', body, active: `plugin:${plugin.id}:` });
	}
}
