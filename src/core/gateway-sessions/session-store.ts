import type { Logger } from 'pino';
import { BatchWriter } from '../database/batch-writer.ts';
import type { Database } from '../database/database.ts';
import { GatewaySessionRow, type StoredSession } from './gateway-session-entity.ts';

/** The stored gateway sessions, one row per shard; saves keep only the latest state of each shard. */
export class SessionStore {
	readonly #writer: BatchWriter<StoredSession>;

	private constructor(
		private readonly db: Database,
		logger: Logger,
	) {
		this.#writer = new BatchWriter((rows) => this.#upsert(rows), {
			name: 'gateway session saves',
			logger,
			gatherMs: 200,
		});
	}

	static async open(db: Database, logger: Logger): Promise<SessionStore> {
		await db.registerEntities('foyer-gateway', [GatewaySessionRow]);
		return new SessionStore(db, logger);
	}

	async load(): Promise<StoredSession[]> {
		const rows = await this.db.em().find(GatewaySessionRow, {}, { orderBy: { shardId: 'asc' } });
		return rows.map((r) => ({
			shardId: r.shardId,
			sessionId: r.sessionId,
			resumeUrl: r.resumeUrl,
			sequence: Number(r.sequence),
			shardCount: r.shardCount,
			updatedAt: Number(r.updatedAt),
		}));
	}

	save(session: StoredSession): Promise<void> {
		return this.#writer.add(session);
	}

	flush(): Promise<void> {
		return this.#writer.flush();
	}

	close(): void {
		this.#writer.close();
	}

	async #upsert(rows: StoredSession[]): Promise<void> {
		const latest = [...new Map(rows.map((r) => [r.shardId, r])).values()];
		const values = latest.map(() => '(?, ?, ?, ?, ?, ?)').join(', ');
		await this.db
			.em()
			.getConnection()
			.execute(
				`insert into foyer_gateway_sessions (shard_id, session_id, resume_url, sequence, shard_count, updated_at) values ${values}
				 on conflict (shard_id) do update set session_id = excluded.session_id, resume_url = excluded.resume_url,
				 sequence = excluded.sequence, shard_count = excluded.shard_count, updated_at = excluded.updated_at`,
				latest.flatMap((r) => [r.shardId, r.sessionId, r.resumeUrl, r.sequence, r.shardCount, r.updatedAt]),
			);
	}
}
