import type { Logger } from 'pino';
import { runInEvent } from './event-context.ts';
import type { EventLedgerStore } from './event-ledger-store.ts';
import { LEDGER_RETENTION_MS } from './event-ledger-store.ts';
import { collectHandlers } from './handler-tracking.ts';

type Emit = (event: string, args: readonly unknown[]) => boolean;
type KeyOf = (args: readonly unknown[]) => string | null;
type Listener = (event: string, args: readonly unknown[], key: string) => void;

/** Told about every event delivered to plugins, and when its handlers settled (the gateway sequence waits for it). */
export interface DispatchObserver {
	dispatched(done: Promise<unknown>): void;
}

export interface LedgerStats {
	delivered: number;
	duplicates: number;
	held: number;
}

/**
 * Delivers client events to the plugins at most once per dedupe key (see dedupe-keys.ts), and
 * knows when each delivery is handled: once every plugin listener it reached has settled, its key
 * is recorded in the database, so that the same event replayed after a restart is skipped too.
 * Until `accept()` (plugins loaded, missed events replayed) events of the deduplicated kinds are
 * held, in order, rather than reaching no one.
 */
export class EventLedger {
	readonly #seen = new Map<string, number>();
	readonly #held: { event: string; args: readonly unknown[]; release: () => void }[] = [];
	readonly #deliveredListeners: Listener[] = [];
	readonly #handledListeners: Listener[] = [];
	#accepting = false;
	#frozen = false;
	#emit: Emit | null = null;
	readonly #inFlight = new Set<Promise<unknown>>();
	observer: DispatchObserver | null = null;
	/** Waited for before an event is recorded as handled: the writes its handlers' work depends on. */
	readonly beforeHandled: (() => Promise<unknown>)[] = [];
	readonly stats: LedgerStats = { delivered: 0, duplicates: 0, held: 0 };

	constructor(
		private readonly keys: Map<string, KeyOf>,
		private readonly store: EventLedgerStore | null,
		private readonly logger: Logger,
	) {}

	/** Loads the keys handled recently (a replay after a restart is then recognised). */
	async load(): Promise<void> {
		if (!this.store) return;
		for (const [key, at] of await this.store.load()) this.#seen.set(key, at);
	}

	/** The client's own emit, which the ledger calls to deliver. */
	bind(emit: Emit): void {
		this.#emit = emit;
	}

	get accepting(): boolean {
		return this.#accepting;
	}

	/** Delivers the held events, in order, then every event as it comes. */
	accept(): number {
		const held = this.#held.splice(0);
		this.#accepting = true;
		for (const h of held) {
			this.#deliver(h.event, h.args);
			h.release();
		}
		return held.length;
	}

	/** Stops delivering the deduplicated kinds (shutting down): they are held, and the process ends with them unhandled. */
	pause(): void {
		this.#accepting = false;
	}

	/** Records nothing as handled any more (the grace period of a shutdown is over): those events are replayed. */
	freeze(): void {
		this.#frozen = true;
	}

	/** True once the shutdown grace period is over: what ends now is not recorded as handled. */
	get frozen(): boolean {
		return this.#frozen;
	}

	/** Whether an event with this key was delivered (or handled before a restart). */
	has(key: string): boolean {
		return this.#seen.has(key);
	}

	/** Records a key as delivered without delivering (a repeated join discord.js already had). */
	markSeen(key: string): void {
		if (!this.#seen.has(key)) this.#seen.set(key, Date.now());
	}

	keyOf(event: string, args: readonly unknown[]): string | null {
		return this.keys.get(event)?.(args) ?? null;
	}

	/** Called as a deduplicated event is delivered (before its handlers run). */
	onDelivered(listener: Listener): void {
		this.#deliveredListeners.push(listener);
	}

	/** Called once a deduplicated event's handlers settled (the membership store follows joins and leaves). */
	onHandled(listener: Listener): void {
		this.#handledListeners.push(listener);
	}

	/** Delivers an event now even before `accept()` (a replayed event): deduplicated like any other. */
	replay(event: string, args: readonly unknown[]): boolean {
		return this.#deliver(event, args);
	}

	/** The client's emit goes through here. */
	emit(event: string, args: readonly unknown[]): boolean {
		if (!this.keys.has(event)) return this.#deliverUntracked(event, args);
		if (!this.#accepting) {
			let release!: () => void;
			const released = new Promise<void>((resolve) => {
				release = resolve;
			});
			this.#held.push({ event, args, release });
			this.stats.held++;
			this.observer?.dispatched(released);
			return true;
		}
		return this.#deliver(event, args);
	}

	/** Events delivered whose handlers have not settled yet. */
	get inFlight(): number {
		return this.#inFlight.size;
	}

	/** Waits (at most `timeoutMs`) for the handlers of delivered events to settle; resolves how many still run. */
	async settle(timeoutMs: number): Promise<number> {
		const deadline = Date.now() + timeoutMs;
		while (this.#inFlight.size > 0 && Date.now() < deadline) {
			let timer: NodeJS.Timeout | undefined;
			const timeout = new Promise((resolve) => {
				timer = setTimeout(resolve, deadline - Date.now());
			});
			await Promise.race([Promise.allSettled([...this.#inFlight]), timeout]);
			clearTimeout(timer);
		}
		return this.#inFlight.size;
	}

	/** Waits until every recorded key is written (shutdown). */
	async flush(): Promise<void> {
		await this.store?.flush();
	}

	get pendingWrites(): number {
		return this.store?.pending ?? 0;
	}

	close(): void {
		this.store?.close();
	}

	#deliver(event: string, args: readonly unknown[]): boolean {
		const key = this.keyOf(event, args);
		if (key !== null) {
			if (this.#seen.has(key)) {
				this.stats.duplicates++;
				this.logger.debug({ event, key }, 'Event already delivered: skipped');
				return false;
			}
			this.#seen.set(key, Date.now());
			if (this.#seen.size % 10_000 === 0) this.#prune();
			for (const listener of this.#deliveredListeners) listener(event, args, key);
		}
		this.stats.delivered++;
		const handlers = collectHandlers(() => runInEvent(key, null, () => this.#raw(event, args)));
		const done = Promise.allSettled(handlers).then(async () => {
			// After the shutdown grace period a handler may end because Foyer is going: not "handled".
			if (key === null || this.#frozen) return;
			for (const listener of this.#handledListeners) listener(event, args, key);
			if (!this.store) return;
			await Promise.all(this.beforeHandled.map((written) => written())).catch(() => undefined);
			await this.store.markHandled(key).catch(() => undefined);
		});
		this.#track(done);
		this.observer?.dispatched(done);
		return true;
	}

	#deliverUntracked(event: string, args: readonly unknown[]): boolean {
		if (!this.observer) return this.#raw(event, args);
		let result = false;
		const handlers = collectHandlers(() => {
			result = this.#raw(event, args);
		});
		if (handlers.length) {
			const done = Promise.allSettled(handlers);
			this.#track(done);
			this.observer.dispatched(done);
		}
		return result;
	}

	#track(done: Promise<unknown>): void {
		this.#inFlight.add(done);
		void done.finally(() => this.#inFlight.delete(done));
	}

	#raw(event: string, args: readonly unknown[]): boolean {
		if (!this.#emit) throw new Error('EventLedger is not bound to a client');
		return this.#emit(event, args);
	}

	#prune(): void {
		const cutoff = Date.now() - LEDGER_RETENTION_MS;
		for (const [key, at] of this.#seen) if (at < cutoff) this.#seen.delete(key);
	}
}
