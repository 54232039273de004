import type { Logger } from 'pino';
import { BatchWriter } from '../database/batch-writer.ts';
import type { Database } from '../database/database.ts';

type Completion =
	| { kind: 'done'; id: number; at: number }
	| { kind: 'failed'; id: number; error: string; attempts: number }
	| { kind: 'count'; plugin: string; guildId: string; name: string; n: number }
	| { kind: 'barrier' };

/**
 * How long a completion waits for others to share its transaction. Measured in bench:joins: 10 ms
 * (one transaction per 10 ms of a raid) cost about a tenth of the throughput next to 50 ms.
 */
const GATHER_MS = 50;

/**
 * Effects marked done (or failed) and the plugin counters moved by them, written together: one
 * transaction per batch. A plugin counts what an effect achieved right after the effect resolves (in
 * the same turn of the event loop), so the count lands in the batch of that effect's completion: a
 * `kill -9` keeps both or neither. Neither: the effect is still pending, carried out again at the
 * next start, and the replayed event counts it then; both: the replay finds the effect done and
 * counts nothing. Counted separately, a kill between the two writes lost or doubled the count.
 */
export class Completions {
	readonly #writer: BatchWriter<Completion>;

	constructor(
		private readonly db: Database,
		logger: Logger,
	) {
		this.#writer = new BatchWriter((items) => this.#write(items), { name: 'completions', logger, gatherMs: GATHER_MS });
	}

	done(id: number, at = Date.now()): Promise<void> {
		return this.#writer.add({ kind: 'done', id, at });
	}

	failed(id: number, error: string, attempts: number): Promise<void> {
		return this.#writer.add({ kind: 'failed', id, error: error.slice(0, 2000), attempts });
	}

	count(plugin: string, guildId: string, name: string, n: number): Promise<void> {
		return this.#writer.add({ kind: 'count', plugin, guildId, name, n });
	}

	/** Resolves once everything queued before it is written (in the next batch: nothing is forced out early). */
	written(): Promise<void> {
		return this.#writer.add({ kind: 'barrier' });
	}

	get pending(): number {
		return this.#writer.pending;
	}

	get failing(): boolean {
		return this.#writer.failing;
	}

	flush(): Promise<void> {
		return this.#writer.flush();
	}

	close(): void {
		this.#writer.close();
	}

	async #write(items: Completion[]): Promise<void> {
		const done: { id: number; at: number }[] = [];
		const failed: Extract<Completion, { kind: 'failed' }>[] = [];
		const counts = new Map<string, { plugin: string; guildId: string; name: string; n: number }>();
		for (const item of items) {
			if (item.kind === 'done') done.push(item);
			else if (item.kind === 'failed') failed.push(item);
			else if (item.kind === 'count') {
				// One row per counter and batch: PostgreSQL refuses an upsert touching a row twice.
				const key = JSON.stringify([item.plugin, item.guildId, item.name]);
				const had = counts.get(key);
				if (had) had.n += item.n;
				else counts.set(key, { ...item });
			}
		}
		if (done.length === 0 && failed.length === 0 && counts.size === 0) return;
		const connection = this.db.em().getConnection();
		await connection.transactional(async (trx) => {
			const run = (sql: string, params: unknown[]) => connection.execute(sql, params as never[], 'run', trx);
			if (done.length > 0)
				await run(
					`update foyer_effects set status = 'done', done_at = ? where id in (${done.map(() => '?').join(', ')})`,
					[Math.max(...done.map((d) => d.at)), ...done.map((d) => d.id)],
				);
			for (const f of failed)
				await run(`update foyer_effects set status = 'failed', last_error = ?, attempts = ? where id = ?`, [
					f.error,
					f.attempts,
					f.id,
				]);
			const rows = [...counts.values()].filter((c) => c.n !== 0);
			if (rows.length > 0)
				// Atomic on both databases (`value = value + n`): processes sharing a database never lose a count.
				await run(
					`insert into foyer_plugin_counters (plugin, guild_id, name, value) values ${rows.map(() => '(?, ?, ?, ?)').join(', ')}
					 on conflict (plugin, guild_id, name) do update set value = foyer_plugin_counters.value + excluded.value`,
					rows.flatMap((c) => [c.plugin, c.guildId, c.name, c.n]),
				);
		});
	}
}
