import type { Database } from '../../core/database/database.ts';
import { DashboardSession } from './dashboard-session-entity.ts';
import type { Session, SessionStore } from './session-store.ts';
import type { TokenCipher } from './token-cipher.ts';

/**
 * Sessions in the database, so logins survive a restart; looked-up sessions are kept in memory
 * (every dashboard request needs one, and the page budget is a few milliseconds).
 */
export class DbSessionStore implements SessionStore {
	readonly #cache = new Map<string, Session>();

	constructor(
		private readonly db: Database,
		private readonly cipher: TokenCipher,
	) {}

	async get(idHash: string): Promise<Session | null> {
		const cached = this.#cache.get(idHash);
		if (cached) return cached;
		const row = await this.db.em().findOne(DashboardSession, { idHash });
		if (!row) return null;
		const accessToken = this.cipher.decrypt(row.accessToken);
		if (accessToken === null) return null;
		const session: Session = {
			idHash: row.idHash,
			userId: row.userId,
			username: row.username,
			avatar: row.avatar ?? null,
			accessToken,
			csrfToken: row.csrfToken,
			createdAt: Number(row.createdAt),
			expiresAt: Number(row.expiresAt),
		};
		if (this.#cache.size >= 10_000) this.#cache.clear();
		this.#cache.set(idHash, session);
		return session;
	}

	async put(session: Session): Promise<void> {
		const em = this.db.em();
		em.create(DashboardSession, { ...session, accessToken: this.cipher.encrypt(session.accessToken) });
		await em.flush();
		this.#cache.set(session.idHash, session);
	}

	async delete(idHash: string): Promise<void> {
		this.#cache.delete(idHash);
		await this.db.em().nativeDelete(DashboardSession, { idHash });
	}
}
