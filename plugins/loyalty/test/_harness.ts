import { z } from 'foyer';
import { type Backend, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { signatureFor } from '../_signature.ts';
import { invitesTracking } from './_invites.ts';

export const LOYALTY = new URL('..', import.meta.url);
/** The real invite tracking plugin: loyalty's invite points come from what it announces. */
export const INVITES = new URL('../../invites/', import.meta.url);
/**
 * A stand-in with the invites plugin's id and events that announces whatever a test posts to
 * `/invites/emit`. Only for what the real plugin never does on demand: announcing the same join
 * again (it does only after a consumer failed or Foyer died between announcing and recording it)
 * and uncounting one join for two reasons (a fake or removed join is never uncounted again).
 */
export const INVITES_REPLAYER = new URL('./fixtures/invites/', import.meta.url);

/**
 * Loyalty on `backend` (SQLite + embedded scheduler, or PostgreSQL + BullMQ), by default with the
 * real invites plugin, resolved once invite tracking took its first snapshot.
 */
export async function startLoyalty(
	backend: Backend,
	options: { invites?: 'real' | 'replayer' | false } = {},
): Promise<TestFoyer> {
	const invites = options.invites ?? 'real';
	const plugins = invites === false ? [LOYALTY] : [LOYALTY, invites === 'real' ? INVITES : INVITES_REPLAYER];
	const h = await startTestFoyer({ plugins, backend });
	if (invites === 'real') await invitesTracking(h);
	return h;
}

/** Generates (rotates) the guild's webhook secret from the dashboard, as an admin does, and reads it off the answer. */
export async function newSecret(h: TestFoyer): Promise<string> {
	const admin = await h.dashboard();
	await admin.page(`/loyalty/${h.guildId}`);
	const answer = await admin.form(`/loyalty/${h.guildId}/webhook/rotate`, {}, { htmx: true });
	const secret = /id="loyalty-new-secret">([^<]+)</.exec(await answer.text())?.[1];
	if (answer.status !== 200 || !secret) throw new Error(`No secret in the answer (${answer.status})`);
	return secret;
}

export interface DeliveryOptions {
	secret: string;
	/** Unix seconds; default: the test clock's now. */
	timestamp?: number | string;
	/** The signature header as sent; default: the right one. */
	signature?: string | null;
	contentType?: string;
	guildId?: string;
	headers?: Record<string, string>;
}

/** Posts a purchase delivery the way a shop does: the body signed with the secret at the timestamp. */
export async function deliver(h: TestFoyer, body: object | string, o: DeliveryOptions) {
	const raw = typeof body === 'string' ? body : JSON.stringify(body);
	const ts = String(o.timestamp ?? Math.floor(h.clock.now() / 1000));
	const signature = o.signature === undefined ? signatureFor(o.secret, ts, raw) : o.signature;
	const response = await fetch(`${h.foyer.httpUrl}/loyalty/${o.guildId ?? h.guildId}/purchases`, {
		method: 'POST',
		headers: {
			'content-type': o.contentType ?? 'application/json',
			'x-foyer-timestamp': ts,
			...(signature === null ? {} : { 'x-foyer-signature': signature }),
			...o.headers,
		},
		body: raw,
	});
	const text = await response.text();
	return {
		status: response.status,
		text,
		json: text ? (JSON.parse(text) as Record<string, unknown>) : null,
		headers: response.headers,
	};
}

/** An order body, with defaults. */
export const order = (fields: Record<string, unknown>) => ({
	type: 'purchase',
	amount: '10.00',
	currency: 'USD',
	...fields,
});

/** Creates a role in the demo server (below Foyer's), as the owner would. */
export async function createRole(h: TestFoyer, name: string): Promise<string> {
	const role = await h.control.call('POST', `/guilds/${h.guildId}/roles`, { name });
	return String(role.id);
}

/** Posts an invites event through the replayer (`INVITES_REPLAYER`), as a provider re-announcing it would. */
export async function emitInvites(h: TestFoyer, event: 'joinCounted' | 'joinUncounted', payload: object) {
	const response = await fetch(`${h.foyer.httpUrl}/invites/emit`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ event, payload }),
	});
	if (!response.ok) throw new Error(`emit failed: ${response.status} ${await response.text()}`);
}

export const snowflake = z.string().regex(/^\d{17,20}$/);
