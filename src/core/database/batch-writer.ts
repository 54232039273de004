import type { Logger } from 'pino';

interface Waiting<T, R> {
	item: T;
	resolve(result: R): void;
	reject(error: unknown): void;
}

export interface BatchWriterOptions {
	/** What the writes are, for the logs ("event ledger", "effects"). */
	name: string;
	logger: Logger;
	/** How long an item waits for others to share its write (0: the next turn of the event loop). */
	gatherMs?: number;
	maxBatch?: number;
	/** Wait before retry n (1-based) while the database is unavailable. */
	retryDelayMs?: (attempt: number) => number;
}

/**
 * Writes items in batches: what arrives within `gatherMs` (or while a write is in flight) goes in
 * one statement. When the database is unavailable the batch is retried with backoff until it is
 * back, and callers simply wait: nothing is dropped, and the log says so once per outage (a warning
 * when it starts, an info line when the writes go through again). `close()` stops the retries.
 */
export class BatchWriter<T, R = void> {
	#queue: Waiting<T, R>[] = [];
	#timer: NodeJS.Timeout | null = null;
	#running: Promise<void> | null = null;
	#failingSince: number | null = null;
	#closed = false;
	#retryTimer: { timer: NodeJS.Timeout; wake(): void } | null = null;

	constructor(
		/** Writes a batch; answers one result per item, in order (or nothing, for R = void). */
		private readonly write: (items: T[]) => Promise<unknown>,
		private readonly options: BatchWriterOptions,
	) {}

	/** Resolves once the item is stored, with its result. */
	add(item: T): Promise<R> {
		if (this.#closed) return Promise.reject(new Error(`${this.options.name}: closed`));
		return new Promise<R>((resolve, reject) => {
			this.#queue.push({ item, resolve, reject });
			this.#schedule();
		});
	}

	get pending(): number {
		return this.#queue.length;
	}

	/** True while writes are failing (the database is unavailable). */
	get failing(): boolean {
		return this.#failingSince !== null;
	}

	/** Writes everything queued now; resolves once it is stored (or the writer is closed). */
	async flush(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		if (this.#queue.length > 0 && !this.#running) this.#start();
		while (this.#running) await this.#running;
	}

	/** Stops retrying: items still waiting are rejected. Call after a bounded `flush()`. */
	close(): void {
		this.#closed = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.#retryTimer?.wake();
		const error = new Error(`${this.options.name}: closed before it could be written`);
		for (const w of this.#queue.splice(0)) w.reject(error);
	}

	#schedule(): void {
		if (this.#running || this.#timer) return;
		const gather = this.options.gatherMs ?? 0;
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.#start();
		}, gather);
	}

	#start(): void {
		this.#running = this.#drain().finally(() => {
			this.#running = null;
			if (this.#queue.length > 0 && !this.#closed) this.#schedule();
		});
	}

	async #drain(): Promise<void> {
		const max = this.options.maxBatch ?? 500;
		let attempt = 0;
		while (this.#queue.length > 0 && !this.#closed) {
			const batch = this.#queue.slice(0, max);
			let results: R[] | undefined;
			try {
				results = (await this.write(batch.map((w) => w.item))) as R[] | undefined;
			} catch (error) {
				attempt++;
				if (this.#failingSince === null) {
					this.#failingSince = Date.now();
					this.options.logger.warn(
						{ err: error, waiting: this.#queue.length },
						`Database unavailable: ${this.options.name} wait and are retried`,
					);
				} else this.options.logger.debug({ err: error, attempt }, `${this.options.name}: still failing`);
				await this.#sleep((this.options.retryDelayMs ?? defaultRetry)(attempt));
				continue;
			}
			this.#queue.splice(0, batch.length);
			for (const [i, w] of batch.entries()) w.resolve(results?.[i] as R);
			if (this.#failingSince !== null) {
				this.options.logger.info(
					{ outageMs: Date.now() - this.#failingSince },
					`Database available again: ${this.options.name} written`,
				);
				this.#failingSince = null;
			}
			attempt = 0;
		}
	}

	#sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const wake = () => {
				clearTimeout(timer);
				this.#retryTimer = null;
				resolve();
			};
			const timer = setTimeout(wake, ms);
			this.#retryTimer = { timer, wake };
		});
	}
}

const defaultRetry = (attempt: number) => Math.min(5_000, 250 * 2 ** (attempt - 1));
