import { Route } from '@sapphire/plugin-api';
import { guildOf, requestContext, sendPage } from 'foyer';
import { renderCodesSection } from '../../dashboard/_codes-section.ts';
import { wordsOf } from '../../dashboard/_format.ts';
import { subnav } from '../../dashboard/_paths.ts';
import plugin from '../../plugin.ts';

/** GET /invites/<guild>/codes: the server's live invites and the form that creates one. */
export class InvitesCodesRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const w = wordsOf(request);
		const section = await renderCodesSection(guild, requestContext(request).session?.csrfToken ?? '', w);
		const body = plugin.views.render('codes-page', {
			locale: w.locale,
			links: subnav(guild.id, 'codes', w.t),
			section,
		});
		sendPage(request, response, { title: w.t('page.titles.codes'), body, active: `plugin:${plugin.id}:` });
	}
}
