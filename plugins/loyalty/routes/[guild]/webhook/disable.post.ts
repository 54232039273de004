import { Route } from '@sapphire/plugin-api';
import { guildOf, pageLocale } from 'foyer';
import { answerSection, pagePath } from '../../../_answer.ts';
import { recordChange } from '../../../_audit.ts';
import { disableWebhook } from '../../../_webhook-secrets.ts';
import { renderWebhookSection } from '../../../_webhook-section.ts';
import plugin from '../../../plugin.ts';

/** POST /loyalty/<guild>/webhook/disable: no secret any more, every delivery refused. */
export class LoyaltyWebhookDisableRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const t = plugin.translator({ locale: pageLocale(request) });
		const done = await disableWebhook(guild.id);
		if (done) await recordChange(request, guild, 'webhook.disable', { webhook: 'on' }, { webhook: 'off' });
		const message = done
			? { kind: 'ok' as const, text: t('webhook.disabled') }
			: { kind: 'error' as const, text: t('webhook.alreadyOff') };
		const section = await renderWebhookSection(request, guild, { message });
		answerSection(request, response, { status: done ? 200 : 409, section, back: pagePath(guild.id) });
	}
}
