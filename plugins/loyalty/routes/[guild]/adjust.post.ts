import { Route } from '@sapphire/plugin-api';
import { field, guildOf, pageLocale, requestContext } from 'foyer';
import { adjust } from '../../_adjust.ts';
import { answerSection, pagePath } from '../../_answer.ts';
import { recordChange } from '../../_audit.ts';
import { renderMemberSection } from '../../_member-section.ts';
import plugin from '../../plugin.ts';

/** POST /loyalty/<guild>/adjust (user, amount, reason, nonce): an admin adds or takes a member's points. */
export class LoyaltyAdjustRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const t = plugin.translator({ locale: pageLocale(request) });
		const { body, session } = requestContext(request);
		const user = field(body, 'user') ?? '';
		const values = { amount: field(body, 'amount') ?? '', reason: field(body, 'reason') ?? '' };
		const csrf = session?.csrfToken ?? '';
		const nonce = field(body, 'nonce') ?? '';
		if (!/^\d{17,20}$/.test(user) || !/^[\w-]{8,64}$/.test(nonce)) {
			const section = await renderMemberSection(guild, /^\d{17,20}$/.test(user) ? user : '0', 1, csrf, {
				message: { kind: 'error', text: t('adjust.incomplete') },
			});
			return answerSection(request, response, { status: 422, section, back: pagePath(guild.id) });
		}
		const back = `${pagePath(guild.id)}/members?user=${user}`;
		const result = await adjust(guild.id, user, session?.userId ?? '', values, nonce, t);
		if (!result.ok) {
			const section = await renderMemberSection(guild, user, 1, csrf, { values, errors: result.errors });
			return answerSection(request, response, { status: 422, section, back });
		}
		if (!result.duplicate) await recordChange(request, guild, 'adjust', null, { userId: user, ...values });
		const text = result.duplicate
			? t('adjust.duplicate')
			: t('adjust.done', { amount: values.amount, points: result.points });
		const section = await renderMemberSection(guild, user, 1, csrf, { message: { kind: 'ok', text } });
		answerSection(request, response, { status: 200, section, back });
	}
}
