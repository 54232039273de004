import type { Logger } from 'pino';
import { BatchWriter } from '../database/batch-writer.ts';
import type { Database } from '../database/database.ts';
import { KnownMember, TrackedGuild } from './membership-entities.ts';

type Change =
	| { guildId: string; userId: string; joinedAt: number | null }
	| { guildId: string; userId: string; left: true };

/**
 * The members of each followed guild with their join time, in memory and in the database. Memory
 * follows the events as they are delivered (a leave right after a replayed join finds that join);
 * the database follows once they are handled, so that after a crash the difference between what it
 * says and the member list is exactly what the plugins never handled.
 */
export class MembershipStore {
	readonly #members = new Map<string, Map<string, number | null>>();
	readonly #tracked = new Set<string>();
	readonly #writer: BatchWriter<Change>;

	private constructor(
		private readonly db: Database | null,
		logger: Logger,
	) {
		this.#writer = new BatchWriter((changes) => this.#write(changes), {
			name: 'member list updates',
			logger,
			gatherMs: 50,
		});
	}

	static async open(db: Database | null, logger: Logger): Promise<MembershipStore> {
		const store = new MembershipStore(db, logger);
		if (!db) return store;
		await db.registerEntities('foyer-members', [KnownMember, TrackedGuild]);
		for (const row of await db.em().find(TrackedGuild, {})) store.#tracked.add(row.guildId);
		for (const row of await db.em().find(KnownMember, {})) {
			store.#guild(row.guildId).set(row.userId, row.joinedAt === null ? null : Number(row.joinedAt));
		}
		return store;
	}

	isTracked(guildId: string): boolean {
		return this.#tracked.has(guildId);
	}

	joinedAt(guildId: string, userId: string): number | null | undefined {
		return this.#members.get(guildId)?.get(userId);
	}

	/** Members as last known, user id → join time. */
	members(guildId: string): ReadonlyMap<string, number | null> {
		return this.#guild(guildId);
	}

	/** Delivered (memory only). */
	noteJoin(guildId: string, userId: string, joinedAt: number | null): void {
		this.#guild(guildId).set(userId, joinedAt);
	}

	noteLeave(guildId: string, userId: string): void {
		this.#members.get(guildId)?.delete(userId);
	}

	/** Handled (the database). */
	recordJoin(guildId: string, userId: string, joinedAt: number | null): Promise<void> {
		return this.db ? this.#writer.add({ guildId, userId, joinedAt }) : Promise.resolve();
	}

	recordLeave(guildId: string, userId: string): Promise<void> {
		return this.db ? this.#writer.add({ guildId, userId, left: true }) : Promise.resolve();
	}

	/** Starts following a guild with its current members (no event for any of them). */
	async track(guildId: string, members: ReadonlyMap<string, number | null>): Promise<void> {
		const known = this.#guild(guildId);
		known.clear();
		for (const [userId, joinedAt] of members) known.set(userId, joinedAt);
		if (this.db) {
			await this.#writer.flush();
			const em = this.db.em();
			await em.nativeDelete(KnownMember, { guildId });
			const rows = [...members].map(([userId, joinedAt]) => ({ guildId, userId, joinedAt }));
			for (let i = 0; i < rows.length; i += 500) await em.insertMany(KnownMember, rows.slice(i, i + 500));
			await em.insert(TrackedGuild, { guildId, since: Date.now() }).catch(() => undefined);
		}
		this.#tracked.add(guildId);
	}

	flush(): Promise<void> {
		return this.#writer.flush();
	}

	close(): void {
		this.#writer.close();
	}

	#guild(guildId: string): Map<string, number | null> {
		let members = this.#members.get(guildId);
		if (!members) {
			members = new Map();
			this.#members.set(guildId, members);
		}
		return members;
	}

	async #write(changes: Change[]): Promise<void> {
		if (!this.db) return;
		// The last change of each member wins; joins are upserts, leaves deletes.
		const last = new Map<string, Change>();
		for (const c of changes) last.set(`${c.guildId}:${c.userId}`, c);
		const joins = [...last.values()].filter((c): c is Exclude<Change, { left: true }> => !('left' in c));
		const leaves = [...last.values()].filter((c) => 'left' in c);
		const connection = this.db.em().getConnection();
		if (joins.length)
			await connection.execute(
				`insert into foyer_known_members (guild_id, user_id, joined_at) values ${joins.map(() => '(?, ?, ?)').join(', ')}
				 on conflict (guild_id, user_id) do update set joined_at = excluded.joined_at`,
				joins.flatMap((c) => [c.guildId, c.userId, c.joinedAt]),
			);
		for (const c of leaves)
			await connection.execute('delete from foyer_known_members where guild_id = ? and user_id = ?', [
				c.guildId,
				c.userId,
			]);
	}
}
