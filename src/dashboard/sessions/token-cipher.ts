import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Authenticated encryption for secrets kept at rest (users' OAuth2 tokens, plugins' webhook
 * secrets): AES-256-GCM, so a tampered value fails to decrypt instead of decrypting to something else.
 * `purpose` derives a separate key from the same secret, so one use's sealed values never open as another's.
 */
export class TokenCipher {
	readonly #key: Buffer;

	constructor(secret: string, purpose = 'foyer-dashboard') {
		this.#key = createHash('sha256').update(`${purpose}:${secret}`).digest();
	}

	encrypt(plain: string): string {
		const iv = randomBytes(12);
		const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
		const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
		return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
	}

	decrypt(sealed: string): string | null {
		const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
		if (!iv || !tag || !data) return null;
		try {
			const decipher = createDecipheriv('aes-256-gcm', this.#key, iv);
			decipher.setAuthTag(tag);
			return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
		} catch {
			return null;
		}
	}
}
