import { Route } from '@sapphire/plugin-api';
import { field, guildOf, pageLocale, requestContext } from 'foyer';
import { answerSection, pagePath } from '../../../_answer.ts';
import { recordChange } from '../../../_audit.ts';
import { enterManually } from '../../../_manual-purchase.ts';
import { renderPurchaseSection } from '../../../_purchase-section.ts';
import plugin from '../../../plugin.ts';

/** POST /loyalty/<guild>/purchases/manual: an admin records a purchase or refund by hand. */
export class LoyaltyManualPurchaseRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const { body, session } = requestContext(request);
		const values = {
			type: field(body, 'type') ?? 'purchase',
			user: field(body, 'user') ?? '',
			amount: field(body, 'amount') ?? '',
			order: field(body, 'order') ?? '',
			product: field(body, 'product') ?? '',
		};
		const csrf = session?.csrfToken ?? '';
		const result = await enterManually(
			guild,
			session?.userId ?? '',
			values,
			plugin.translator({ locale: pageLocale(request) }),
		);
		const back = `${pagePath(guild.id)}#loyalty-purchase`;
		if (!result.ok) {
			const section = renderPurchaseSection(guild, csrf, { values, errors: result.errors });
			return answerSection(request, response, { status: 422, section, back });
		}
		await recordChange(request, guild, 'purchase.manual', null, { ...values, result: result.text });
		const section = renderPurchaseSection(guild, csrf, { message: { kind: 'ok', text: result.text } });
		answerSection(request, response, { status: 200, section, back });
	}
}
