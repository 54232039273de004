import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a delivery's timestamp may be from Foyer's clock: a captured request cannot be replayed later. */
export const TOLERANCE_SECONDS = 300;

/** `sha256=<hex>` of HMAC-SHA256(`<timestamp>.<raw body>`, secret): what a shop sends in X-Foyer-Signature. */
export function signatureFor(secret: string, timestamp: string | number, body: string | Buffer): string {
	return `sha256=${digest(secret, String(timestamp), body).toString('hex')}`;
}

function digest(secret: string, timestamp: string, body: string | Buffer): Buffer {
	return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}

/**
 * Whether `header` signs the body with one of `secrets` (the current one, and the previous one
 * during its grace period). Every candidate is checked, each in constant time, so the answer's timing
 * says nothing about which secret matched or how much of the signature did.
 */
export function signatureMatches(header: string, secrets: readonly string[], timestamp: string, body: Buffer): boolean {
	const hex = /^sha256=([0-9a-f]{64})$/i.exec(header)?.[1];
	if (!hex) return false;
	const sent = Buffer.from(hex, 'hex');
	let match = false;
	for (const secret of secrets) if (timingSafeEqual(sent, digest(secret, timestamp, body))) match = true;
	return match;
}

export function isSignatureHeader(header: string): boolean {
	return /^sha256=[0-9a-f]{64}$/i.test(header);
}
