import { Route } from '@sapphire/plugin-api';
import { guildOf, sendPage } from 'foyer';
import { wordsOf } from '../../dashboard/_format.ts';
import { renderJoinLogPage } from '../../dashboard/_join-log-page.ts';
import plugin from '../../plugin.ts';

/** GET /invites/<guild>/joins?source=&flag=&inviter=&from=&to=&page=: the join log. */
export class InvitesJoinLogRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const w = wordsOf(request);
		const { status, body } = await renderJoinLogPage(guild, request.query, w);
		sendPage(request, response, { title: w.t('page.titles.joins'), body, status, active: `plugin:${plugin.id}:` });
	}
}
