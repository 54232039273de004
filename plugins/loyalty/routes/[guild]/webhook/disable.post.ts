import { Route } from '@sapphire/plugin-api';
import { guildOf } from 'foyer';
import { answerSection, pagePath } from '../../../_answer.ts';
import { recordChange } from '../../../_audit.ts';
import { disableWebhook } from '../../../_webhook-secrets.ts';
import { renderWebhookSection } from '../../../_webhook-section.ts';

/** POST /loyalty/<guild>/webhook/disable: no secret any more, every delivery refused. */
export class LoyaltyWebhookDisableRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const done = await disableWebhook(guild.id);
		if (done) await recordChange(request, guild, 'webhook.disable', { webhook: 'on' }, { webhook: 'off' });
		const message = done
			? { kind: 'ok' as const, text: 'The webhook is off: deliveries are refused until you generate a new secret.' }
			: { kind: 'error' as const, text: 'The webhook was already off.' };
		const section = await renderWebhookSection(request, guild, { message });
		answerSection(request, response, { status: done ? 200 : 409, section, back: pagePath(guild.id) });
	}
}
