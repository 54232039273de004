import { Route } from '@sapphire/plugin-api';
import { guildOf, pageLocale, requestContext, sendPage } from 'foyer';
import { pagePath } from '../../_answer.ts';
import { renderMemberSection } from '../../_member-section.ts';
import plugin from '../../plugin.ts';

/** GET /loyalty/<guild>/members?user=<id>&page=N: one member's balance, tier and ledger. */
export class LoyaltyMemberRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const user = typeof request.query.user === 'string' ? request.query.user.trim() : '';
		const active = `plugin:${plugin.id}:`;
		const locale = pageLocale(request);
		if (!/^\d{17,20}$/.test(user)) {
			const body = plugin.views.render('lookup-refused', { locale, base: pagePath(guild.id), user });
			return sendPage(request, response, { title: plugin.t('page.title', { locale }), body, status: 422, active });
		}
		const csrf = requestContext(request).session?.csrfToken ?? '';
		const body = await renderMemberSection(guild, user, Number(request.query.page ?? 1), csrf);
		sendPage(request, response, { title: plugin.t('page.ledgerTitle', { locale }), body, active });
	}
}
