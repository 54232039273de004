import type { Logger } from 'pino';
import { repeatableInEvent } from '../events/event-context.ts';
import { isDatabaseUnavailable } from './database-unavailable.ts';

/** How long a piece waits for the database before its failure is let through (and logged as one). */
export const DATABASE_WAIT_MS = 5 * 60_000;
const retryDelay = (attempt: number) => Math.min(5_000, 250 * 2 ** (attempt - 1));

interface Outage {
	since: number;
	waiting: number;
}

/**
 * Runs plugin listeners and scheduled tasks again while their failure is the database not answering
 * (a restart, a cut connection, another process holding SQLite's write lock), with backoff, rather
 * than losing what they were doing: the event stays in flight meanwhile (it is not recorded as
 * handled, and the gateway sequence Foyer resumes from waits), and a retried listener asks for its
 * effects under the same keys. One warning when the outage starts, one line when it is over.
 */
export class DatabaseWaits {
	#outage: Outage | null = null;

	constructor(
		private readonly logger: () => Logger,
		/** True once retrying must stop (the shutdown grace is over: the event is replayed next start). */
		private readonly givingUp: () => boolean,
		private readonly maxWaitMs = DATABASE_WAIT_MS,
	) {}

	/** Whether pieces are waiting for the database now. */
	get waiting(): number {
		return this.#outage?.waiting ?? 0;
	}

	/** Wraps `piece.run` (a listener or a scheduled task of a plugin). */
	wrap(piece: { name: string; run: (...args: never[]) => unknown }): void {
		const target = piece as unknown as { name: string; run: (...args: unknown[]) => unknown };
		const run = target.run.bind(piece);
		target.run = (...args: unknown[]) => this.run(target.name, () => run(...args));
	}

	async run<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
		const attempt = repeatableInEvent();
		const started = Date.now();
		let waited = 0;
		try {
			for (;;) {
				try {
					const result = await attempt(fn);
					return result;
				} catch (error) {
					if (!isDatabaseUnavailable(error) || this.givingUp() || Date.now() - started > this.maxWaitMs) throw error;
					if (waited === 0) this.#begin(name, error);
					waited++;
					await new Promise((r) => setTimeout(r, retryDelay(waited)));
				}
			}
		} finally {
			if (waited > 0) this.#end();
		}
	}

	#begin(name: string, error: unknown): void {
		if (this.#outage) {
			this.#outage.waiting++;
			this.logger().debug({ piece: name, err: error }, 'Waiting for the database');
			return;
		}
		this.#outage = { since: Date.now(), waiting: 1 };
		this.logger().warn(
			{ piece: name, err: error },
			'Database unavailable: plugin listeners and tasks wait for it and are retried',
		);
	}

	#end(): void {
		const outage = this.#outage;
		if (!outage) return;
		outage.waiting--;
		if (outage.waiting > 0) return;
		this.#outage = null;
		this.logger().info(
			{ outageMs: Date.now() - outage.since },
			'Database available again: plugin listeners and tasks went on',
		);
	}
}
