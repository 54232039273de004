import { createHash, randomBytes } from 'node:crypto';

export interface Session {
	/** The cookie value is never stored: sessions are looked up by its SHA-256. */
	idHash: string;
	userId: string;
	username: string;
	avatar: string | null;
	/** The user's OAuth2 access token (for their guild list and revocation at logout). */
	accessToken: string;
	csrfToken: string;
	createdAt: number;
	expiresAt: number;
}

export interface SessionStore {
	get(idHash: string): Promise<Session | null>;
	put(session: Session): Promise<void>;
	delete(idHash: string): Promise<void>;
}

export function hashSessionId(id: string): string {
	return createHash('sha256').update(id).digest('hex');
}

export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/** Sessions in memory, for Foyer runs without a database (tests, the plugin harness). */
export class MemorySessionStore implements SessionStore {
	readonly #sessions = new Map<string, Session>();

	async get(idHash: string): Promise<Session | null> {
		return this.#sessions.get(idHash) ?? null;
	}

	async put(session: Session): Promise<void> {
		this.#sessions.set(session.idHash, session);
	}

	async delete(idHash: string): Promise<void> {
		this.#sessions.delete(idHash);
	}
}
