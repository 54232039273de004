import { Route } from '@sapphire/plugin-api';
import { guildOf } from 'foyer';
import { answerSection, pagePath } from '../../../_answer.ts';
import { recordChange } from '../../../_audit.ts';
import { fingerprint, rotateSecret, webhookSecrets } from '../../../_webhook-secrets.ts';
import { renderWebhookSection } from '../../../_webhook-section.ts';

/**
 * POST /loyalty/<guild>/webhook/rotate: a new secret, shown once in this answer (also to a plain
 * form: a secret must not travel through a redirect or be kept to show later).
 */
export class LoyaltyWebhookRotateRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const before = (await webhookSecrets(guild.id)).candidates[0];
		const created = await rotateSecret(guild.id);
		await recordChange(request, guild, 'webhook.rotate', before ? { fingerprint: fingerprint(before) } : null, {
			fingerprint: fingerprint(created.secret),
			previousAcceptedUntil: created.previousUntil,
		});
		const section = await renderWebhookSection(request, guild, { created });
		answerSection(request, response, { status: 200, section, back: pagePath(guild.id), show: true });
	}
}
