import type { Logger } from 'pino';
import { BatchWriter } from '../database/batch-writer.ts';
import type { Database } from '../database/database.ts';
import { EventLedgerEntry } from './event-ledger-entry.ts';

/** How long a handled event's key is kept: far longer than any resume window or repeated delivery seen. */
export const LEDGER_RETENTION_MS = 14 * 24 * 3600_000;

/** The durable side of the event ledger: handled keys, written in batches, read back at start. */
export class EventLedgerStore {
	readonly #writer: BatchWriter<{ key: string; at: number }>;

	private constructor(
		private readonly db: Database,
		logger: Logger,
	) {
		this.#writer = new BatchWriter((rows) => this.#insert(rows), {
			name: 'handled-event records',
			logger,
			gatherMs: 20,
		});
	}

	static async open(db: Database, logger: Logger): Promise<EventLedgerStore> {
		await db.registerEntities('foyer-events', [EventLedgerEntry]);
		return new EventLedgerStore(db, logger);
	}

	/** Keys handled within the retention window; older ones are deleted. */
	async load(now = Date.now()): Promise<Map<string, number>> {
		const cutoff = now - LEDGER_RETENTION_MS;
		await this.db.em().nativeDelete(EventLedgerEntry, { handledAt: { $lt: cutoff } });
		const rows = await this.db.em().find(EventLedgerEntry, {}, { fields: ['eventKey', 'handledAt'] });
		return new Map(rows.map((r) => [r.eventKey, Number(r.handledAt)]));
	}

	markHandled(key: string, at = Date.now()): Promise<void> {
		return this.#writer.add({ key, at });
	}

	get pending(): number {
		return this.#writer.pending;
	}

	flush(): Promise<void> {
		return this.#writer.flush();
	}

	close(): void {
		this.#writer.close();
	}

	async #insert(rows: { key: string; at: number }[]): Promise<void> {
		const unique = [...new Map(rows.map((r) => [r.key, r])).values()];
		const values = unique.map(() => '(?, ?)').join(', ');
		await this.db
			.em()
			.getConnection()
			.execute(
				`insert into foyer_event_ledger (event_key, handled_at) values ${values} on conflict (event_key) do nothing`,
				unique.flatMap((r) => [r.key, r.at]),
			);
	}
}
