import type { Logger } from 'pino';
import type { FoyerClient } from '../client.ts';
import type { Database } from '../database/database.ts';
import { dedupeKeyFunctions } from '../events/dedupe-keys.ts';
import { EventLedger } from '../events/event-ledger.ts';
import { EventLedgerStore } from '../events/event-ledger-store.ts';

export interface ContinuityOptions {
	client: FoyerClient;
	db?: Database;
	logger: Logger;
}

/**
 * What keeps Foyer's work whole across crashes and restarts, wired into one client: the event ledger
 * (each event delivered to the plugins once, held until they are loaded). The composition root calls
 * `create` before login, `open` once the plugins are loaded, and `close` when stopping.
 */
export class Continuity {
	private constructor(
		readonly ledger: EventLedger,
		private readonly logger: Logger,
	) {}

	static async create(options: ContinuityOptions): Promise<Continuity> {
		const { client, db, logger } = options;
		const store = db ? await EventLedgerStore.open(db, logger) : null;
		const ledger = new EventLedger(
			dedupeKeyFunctions(() => null),
			store,
			logger.child({ component: 'events' }),
		);
		await ledger.load();
		ledger.bind((event, args) => client.deliver(event, args));
		client.ledger = ledger;
		return new Continuity(ledger, logger);
	}

	/** The plugins are loaded: deliver what was held, then everything as it comes. */
	async open(): Promise<void> {
		const held = this.ledger.accept();
		if (held) this.logger.debug({ held }, 'Delivered the events that arrived before the plugins were loaded');
	}

	/** Stops delivering and writes what is recorded in memory. */
	async close(): Promise<void> {
		this.ledger.pause();
		await this.ledger.flush();
		this.ledger.close();
	}
}
