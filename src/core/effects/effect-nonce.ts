import { createHash } from 'node:crypto';

/** The message nonce of an effect (Discord: at most 25 characters): the same key always gives the same nonce. */
export function effectNonce(key: string): string {
	return createHash('sha256').update(key).digest('base64url').slice(0, 25);
}
