import type { IncomingMessage } from 'node:http';
import { parseOrder } from './_order-input.ts';
import { recordOrder } from './_orders.ts';
import { authenticateDelivery, type Refusal } from './_webhook-auth.ts';
import plugin from './plugin.ts';

/** The webhook answers a shop's developer, in English whatever the server speaks: its JSON is an API. */
const api = () => plugin.translator({ locale: 'en-US' });

export interface DeliveryAnswer {
	status: number;
	body: object;
	headers?: Record<string, string>;
}

const refusal = (r: Refusal, extra: object = {}): DeliveryAnswer => ({
	status: r.status,
	body: { ok: false, error: r.error, message: r.message, ...extra },
});

/** Counts a refusal and keeps its reason for the dashboard (the shop's admin debugging an integration). */
function refused(guildId: string | null, r: Refusal, extra: object = {}): DeliveryAnswer {
	if (guildId) {
		plugin.counters.add(guildId, r.status === 409 ? 'deliveriesConflicting' : 'deliveriesRefused');
		// The note is read on the server's dashboard; the shop's message stays as the shop received it.
		const note = plugin.t('order.refusedNote', {
			guild: guildId,
			vars: { status: r.status, error: r.error, message: r.message },
		});
		void plugin.counters.note(guildId, note);
	}
	return refusal(r, extra);
}

/**
 * One purchase webhook delivery, from the raw request to the answer: authenticated first (nothing
 * in the body is looked at before the signature matches), then parsed and checked, then recorded
 * exactly once. Every refusal is a 4xx with a JSON error, and writes nothing but a counter.
 */
export async function handleDelivery(request: IncomingMessage, guild: { id: string } | null): Promise<DeliveryAnswer> {
	const auth = await authenticateDelivery(request, guild);
	if (!auth.ok) return refused(auth.guildId, auth.refusal);
	const { guildId } = auth;
	const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
	if (type !== 'application/json')
		return refused(guildId, {
			status: 415,
			error: 'unsupported_media_type',
			message: 'Send the body as application/json.',
		});
	let body: unknown;
	try {
		body = JSON.parse(auth.body.toString('utf8'));
	} catch {
		return refused(guildId, { status: 400, error: 'malformed_json', message: 'The body is not valid JSON.' });
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		return refused(guildId, { status: 400, error: 'malformed_json', message: 'The body must be a JSON object.' });
	const parsed = parseOrder(body as Record<string, unknown>, api());
	if (!parsed.ok)
		return refused(
			guildId,
			{ status: 422, error: 'invalid_order', message: 'Some fields are missing or invalid; nothing was recorded.' },
			{ fields: parsed.errors },
		);
	const outcome = await recordOrder(guildId, parsed.value, 'webhook', api());
	if (outcome.kind === 'refused') return refused(guildId, outcome);
	if (outcome.kind === 'replayed') {
		plugin.counters.add(guildId, 'deliveriesRepeated');
		return { status: 200, body: outcome.order, headers: { 'Foyer-Replayed': 'true' } };
	}
	plugin.counters.add(guildId, outcome.order.type === 'refund' ? 'refunds' : 'purchases');
	return { status: 200, body: outcome.order };
}
