import type { IncomingMessage } from 'node:http';
import { isSignatureHeader, signatureMatches, TOLERANCE_SECONDS } from './_signature.ts';
import { webhookSecrets } from './_webhook-secrets.ts';
import plugin from './plugin.ts';

/** The largest purchase body accepted; a real one is a few hundred bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

/** Why a delivery was refused, as the shop is told it: never a word about the secret itself. */
export interface Refusal {
	status: number;
	error: string;
	message: string;
}

export type Authenticated =
	| { ok: true; guildId: string; body: Buffer }
	| { ok: false; guildId: string | null; refusal: Refusal };

const UNKNOWN: Refusal = {
	status: 404,
	error: 'unknown_webhook',
	message:
		'No purchase webhook is set up at this address: check the server id in the URL, and generate a secret on the Loyalty page of the dashboard.',
};

/** Past the limit the rest is read and dropped, up to this much, so the shop gets its 413 instead of a reset. */
const DRAIN_BYTES = 1024 * 1024;

/** The raw body, or null when it is larger than MAX_BODY_BYTES. */
function readBody(request: IncomingMessage): Promise<Buffer | null> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
			else if (size > DRAIN_BYTES) {
				request.removeAllListeners('data');
				request.pause();
				resolve(null);
			}
		});
		request.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
		request.on('error', reject);
	});
}

const header = (request: IncomingMessage, name: string) => {
	const value = request.headers[name];
	return Array.isArray(value) ? value[0] : value;
};

/**
 * Who sent a purchase delivery, before anything in it is believed: the guild has a webhook, the body
 * is within the limit, the timestamp is within TOLERANCE_SECONDS of now, and the signature matches
 * one of the guild's secrets. plugin-api reads no bodies and the dashboard's guard skips public
 * routes, so the raw body (which the signature covers byte for byte) is read here, once.
 */
export async function authenticateDelivery(
	request: IncomingMessage,
	/** The guild of the URL, if Foyer is in it. */
	guild: { id: string } | null,
): Promise<Authenticated> {
	const guildId = guild?.id ?? null;
	if (!guildId || !plugin.enabledIn(guildId)) return { ok: false, guildId: null, refusal: UNKNOWN };
	const secrets = await webhookSecrets(guildId);
	if (secrets.candidates.length === 0) return { ok: false, guildId: null, refusal: UNKNOWN };
	const refuse = (status: number, error: string, message: string): Authenticated => ({
		ok: false,
		guildId,
		refusal: { status, error, message },
	});
	const tooLarge = () => refuse(413, 'body_too_large', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
	if (Number(header(request, 'content-length') ?? 0) > MAX_BODY_BYTES) return tooLarge();
	const body = await readBody(request);
	if (!body) return tooLarge();
	const timestamp = header(request, 'x-foyer-timestamp') ?? '';
	if (!/^\d{1,12}$/.test(timestamp))
		return refuse(400, 'missing_timestamp', 'X-Foyer-Timestamp must be the Unix time of sending, in seconds.');
	const skew = Math.abs(Math.floor(plugin.now() / 1000) - Number(timestamp));
	if (skew > TOLERANCE_SECONDS)
		return refuse(
			401,
			'stale_timestamp',
			`X-Foyer-Timestamp is ${skew} s away from the server's time; at most ${TOLERANCE_SECONDS} s are accepted. Sign each delivery (and each retry) when sending it.`,
		);
	const signature = header(request, 'x-foyer-signature') ?? '';
	if (!isSignatureHeader(signature))
		return refuse(
			401,
			'missing_signature',
			'X-Foyer-Signature must be "sha256=" followed by the 64 hex digits of HMAC-SHA256("<timestamp>.<body>").',
		);
	if (!signatureMatches(signature, secrets.candidates, timestamp, body))
		return refuse(
			401,
			'bad_signature',
			'The signature does not match this body and timestamp for this server. Sign the exact bytes sent, with the server’s current secret.',
		);
	return { ok: true, guildId, body };
}
