import { Route } from '@sapphire/plugin-api';
import { guildOf, pageLocale } from 'foyer';
import { answerSection, pagePath } from '../../../_answer.ts';
import { recordChange } from '../../../_audit.ts';
import { endGrace } from '../../../_webhook-secrets.ts';
import { renderWebhookSection } from '../../../_webhook-section.ts';
import plugin from '../../../plugin.ts';

/** POST /loyalty/<guild>/webhook/end-grace: the previous secret stops working now. */
export class LoyaltyWebhookEndGraceRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const t = plugin.translator({ locale: pageLocale(request) });
		const ended = await endGrace(guild.id);
		if (ended)
			await recordChange(request, guild, 'webhook.end-grace', { previous: 'accepted' }, { previous: 'refused' });
		const message = ended
			? { kind: 'ok' as const, text: t('webhook.graceEnded') }
			: { kind: 'error' as const, text: t('webhook.noGrace') };
		const section = await renderWebhookSection(request, guild, { message });
		answerSection(request, response, { status: ended ? 200 : 409, section, back: pagePath(guild.id) });
	}
}
