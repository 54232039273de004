import type { Route } from '@sapphire/plugin-api';
import type { Guild } from 'discord.js';
import { requestContext } from 'foyer';
import { pagePath } from './_answer.ts';
import { signatureFor, TOLERANCE_SECONDS } from './_signature.ts';
import { fingerprint, webhookSecrets } from './_webhook-secrets.ts';
import plugin from './plugin.ts';

export interface WebhookSectionState {
	/** A secret just generated: shown this once. */
	created?: { secret: string; previousUntil: number | null } | null;
	message?: { kind: 'ok' | 'error'; text: string } | null;
}

const when = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The address shops post to, as the admin's browser reaches this dashboard. */
export function webhookUrl(request: Route.Request, guildId: string): string {
	const host = String(request.headers.host ?? 'localhost');
	const proto =
		String(request.headers['x-forwarded-proto'] ?? '')
			.split(',')[0]
			?.trim() === 'https'
			? 'https'
			: 'http';
	return `${proto}://${host}${pagePath(guildId)}/purchases`;
}

/**
 * A ready-to-run request for this moment: a real 1.00 purchase for the admin, timestamped now and
 * signed with the current secret (valid for TOLERANCE_SECONDS), so an admin can see a delivery work.
 */
function example(url: string, secret: string, userId: string, currency: string) {
	const ts = Math.floor(plugin.now() / 1000);
	const body = JSON.stringify({
		type: 'purchase',
		order_id: `example-${ts}`,
		user_id: userId,
		amount: '1.00',
		currency,
	});
	const signature = signatureFor(secret, ts, body);
	return [
		`curl -X POST '${url}' \\`,
		`  -H 'Content-Type: application/json' \\`,
		`  -H 'X-Foyer-Timestamp: ${ts}' \\`,
		`  -H 'X-Foyer-Signature: ${signature}' \\`,
		`  --data-raw '${body}'`,
	].join('\n');
}

function recipe(url: string, currency: string, comment: string) {
	return [
		comment,
		'TS=$(date +%s)',
		`BODY='{"type":"purchase","order_id":"A-1001","user_id":"123456789012345678","amount":"49.99","currency":"${currency}","product_id":"vip-pack"}'`,
		`SIG=$(printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$FOYER_SECRET" | sed 's/^.* //')`,
		`curl -X POST '${url}' -H 'Content-Type: application/json' \\`,
		`  -H "X-Foyer-Timestamp: $TS" -H "X-Foyer-Signature: sha256=$SIG" --data-raw "$BODY"`,
	].join('\n');
}

/** The webhook card: its address, the secret's state and actions, a signed example request. */
export async function renderWebhookSection(
	request: Route.Request,
	guild: Guild,
	state: WebhookSectionState = {},
): Promise<string> {
	const ctx = requestContext(request);
	const secrets = await webhookSecrets(guild.id);
	const current = secrets.candidates[0] ?? null;
	const url = webhookUrl(request, guild.id);
	const { currency } = plugin.settings(guild.id);
	const locale = plugin.language(guild.id);
	return plugin.views.render('webhook', {
		locale,
		base: pagePath(guild.id),
		csrf: ctx.session?.csrfToken ?? '',
		url,
		message: state.message ?? null,
		created: state.created
			? {
					secret: state.created.secret,
					previousUntil: state.created.previousUntil ? when(state.created.previousUntil) : null,
				}
			: null,
		status: current ? 'active' : secrets.unreadable ? 'unreadable' : 'none',
		createdAt: secrets.createdAt ? when(secrets.createdAt) : null,
		fingerprint: current ? fingerprint(current) : null,
		previousUntil: secrets.previousUntil ? when(secrets.previousUntil) : null,
		tolerance: TOLERANCE_SECONDS,
		example: current ? example(url, current, ctx.session?.userId ?? '0', currency) : null,
		recipe: recipe(url, currency, plugin.t('webhook.recipeComment', { locale })),
	});
}
