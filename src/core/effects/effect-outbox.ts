import { DiscordAPIError } from 'discord.js';
import type { Logger } from 'pino';
import { nextEffectKey } from '../events/event-context.ts';
import type { StoredEffect } from './effect-entity.ts';
import type { EffectStore } from './effect-store.ts';

/** What an executor returns when the effect could not be carried out yet and stays to do (Foyer stopping). */
export const LEFT_TO_DO = Symbol('left to do');

/**
 * Carries out one kind of effect. `live` holds the discord.js objects of the call that asked for it
 * (none when it is carried out after a restart, from the recorded payload alone).
 */
export type EffectExecutor<P = unknown, R = unknown> = (
	payload: P,
	live: unknown,
	effect: { key: string | null; plugin: string; group?: string | null },
) => Promise<R | typeof LEFT_TO_DO>;

export interface EffectRequest<P> {
	kind: string;
	plugin: string;
	payload: P;
	/** Idempotency key; by default derived from the event being handled (none outside one: not recorded). */
	key?: string | null;
	/** What the effect is aimed at (a channel, a user), part of the derived key. */
	target?: string;
	live?: unknown;
}

export interface OutboxStats {
	recorded: number;
	done: number;
	failed: number;
	deduplicated: number;
	recovered: number;
}

const MAX_ATTEMPTS = 5;
/** How long a recovered effect's result waits for its replayed event (the replay comes at the start). */
const RECOVERED_KEPT_MS = 15 * 60_000;
const retryDelay = (attempt: number) => Math.min(30_000, 1_000 * 2 ** (attempt - 1));

/** Discord refused for good (4xx other than 429): retrying would only earn the same answer. */
export function isPermanent(error: unknown): boolean {
	return error instanceof DiscordAPIError && error.status >= 400 && error.status < 500 && error.status !== 429;
}

/**
 * The outbox (`container.effects`): an effect is recorded under its idempotency key before it is
 * carried out and marked once done, so that work decided and not yet done survives a crash (what is
 * still recorded as pending is carried out at the next start, `recover()`), and so that the same
 * effect asked for again (a replayed event, a retry) is carried out once: a second ask joins the
 * first while it runs and gets null once it is done.
 *
 * Where exactly-once ends: an effect carried out on Discord just before the process died, and not
 * yet marked done, is carried out again at the next start. Messages are sent with a nonce derived
 * from the key and `enforce_nonce`, so Discord returns the first message instead of posting a second
 * one within its nonce window (a few minutes); roles are given by setting them, which repeats
 * harmlessly. A restart later than that window after such a crash can post a message twice.
 */
export class EffectOutbox {
	readonly #kinds = new Map<string, EffectExecutor>();
	readonly #live = new Map<string, Promise<unknown>>();
	/** Carried out (or failed for good), their completion not written yet: a new ask for one of them is a duplicate. */
	readonly #finished = new Set<string>();
	/**
	 * Effects recover() carried out, until their replayed event asks for them: the ask gets the result
	 * rather than null, so the plugin counts what it achieved (its count died with the last process).
	 */
	readonly #recovered = new Map<string, Promise<unknown>>();
	readonly stats: OutboxStats = { recorded: 0, done: 0, failed: 0, deduplicated: 0, recovered: 0 };
	#stopped = false;

	constructor(
		private readonly store: EffectStore | null,
		private readonly logger: Logger,
	) {}

	register<P, R>(kind: string, executor: EffectExecutor<P, R>): void {
		this.#kinds.set(kind, executor as EffectExecutor);
	}

	/** Effects being carried out (recorded, not done). */
	get inFlight(): number {
		return this.#live.size;
	}

	get waitingWrites(): number {
		return this.store?.waiting ?? 0;
	}

	get failing(): boolean {
		return this.store?.failing ?? false;
	}

	/**
	 * Records and carries out an effect; resolves with the executor's result, or null when an effect
	 * with that key was carried out before (or Foyer stopped before it could be: it is left recorded).
	 * Rejects when it failed for good.
	 */
	async perform<P, R>(request: EffectRequest<P>): Promise<R | null> {
		const executor = this.#kinds.get(request.kind) as EffectExecutor<P, R> | undefined;
		if (!executor) throw new Error(`No effect kind "${request.kind}" is registered`);
		const key = request.key === undefined ? nextEffectKey(request.plugin, request.kind, request.target) : request.key;
		if (key === null || !this.store) {
			const result = await executor(request.payload, request.live, { key, plugin: request.plugin });
			return result === LEFT_TO_DO ? null : result;
		}
		const recovered = this.#recovered.get(key);
		if (recovered) {
			this.#recovered.delete(key);
			return (await recovered) as R | null;
		}
		const running = this.#live.get(key);
		if (running) {
			this.stats.deduplicated++;
			return (await running) as R | null;
		}
		const store = this.store;
		const run = (async () => {
			const recorded = await store.record({
				key,
				kind: request.kind,
				plugin: request.plugin,
				payload: request.payload,
			});
			// Done before; or pending but carried out by this process a moment ago (its completion not
			// written yet). A pending row nobody here is carrying out is this ask's own record, written
			// by an attempt whose answer was lost with the connection: carried out now.
			if (recorded === null || (!recorded.fresh && this.#finished.has(key))) {
				this.stats.deduplicated++;
				return null;
			}
			this.stats.recorded++;
			return this.#carryOut(
				{
					id: recorded.id,
					key,
					kind: request.kind,
					plugin: request.plugin,
					payload: request.payload,
					attempts: 0,
					group: null,
				},
				executor as EffectExecutor,
				request.live,
			) as Promise<R | null>;
		})();
		this.#hold(key, run);
		return (await run) as R | null;
	}

	/** Carries out what a previous run recorded and left undone; resolves how many there were. */
	async recover(): Promise<number> {
		if (!this.store) return 0;
		const pending = await this.store.pending();
		for (const effect of pending) {
			const executor = this.#kinds.get(effect.kind);
			if (!executor) {
				this.logger.warn(
					{ plugin: effect.plugin, kind: effect.kind, key: effect.key },
					'Recorded effect of an unknown kind left pending',
				);
				continue;
			}
			if (this.#live.has(effect.key)) continue;
			const run = this.#carryOut(effect, executor, undefined).catch((error: unknown) => {
				this.logger.warn(
					{ plugin: effect.plugin, kind: effect.kind, key: effect.key, err: error },
					'A recovered effect failed for good',
				);
				return null;
			});
			this.#hold(effect.key, run);
			this.#recovered.set(effect.key, run);
		}
		// An event that is never replayed (handled before the crash, or past the resume window) never asks.
		if (pending.length) setTimeout(() => this.#recovered.clear(), RECOVERED_KEPT_MS).unref();
		this.stats.recovered += pending.length;
		if (pending.length)
			this.logger.info(
				{ effects: pending.length },
				`Carrying out ${pending.length} effects left undone by the last run`,
			);
		return pending.length;
	}

	/** Notes the combined message a group of recorded effects is about to go out in (see MessageCoalescer). */
	async noteGroup(keys: string[], nonce: string): Promise<void> {
		await this.store?.markGrouped(keys, nonce);
	}

	/** No new effect is carried out any more; what is asked for now stays recorded for the next start. */
	stop(): void {
		this.#stopped = true;
	}

	/** Waits, at most `timeoutMs`, for the effects being carried out; resolves how many still run. */
	async settle(timeoutMs: number): Promise<number> {
		const deadline = Date.now() + timeoutMs;
		while (this.#live.size > 0 && Date.now() < deadline) {
			let timer: NodeJS.Timeout | undefined;
			await Promise.race([
				Promise.allSettled([...this.#live.values()]),
				new Promise((resolve) => {
					timer = setTimeout(resolve, deadline - Date.now());
				}),
			]);
			clearTimeout(timer);
		}
		return this.#live.size;
	}

	async flush(): Promise<void> {
		await this.store?.flush();
	}

	/**
	 * Resolves once every completion recorded so far (and the counts that went with it) is written.
	 * What marks work finished (an event handled, a job done) waits for it: marked first, a kill
	 * could leave the effect pending with nothing left to replay and count it.
	 */
	async written(): Promise<void> {
		await this.store?.written();
	}

	close(): void {
		this.store?.close();
	}

	#hold(key: string, run: Promise<unknown>): void {
		this.#live.set(key, run);
		void run
			.finally(() => {
				if (this.#live.get(key) === run) this.#live.delete(key);
			})
			.catch(() => undefined);
	}

	async #carryOut<R>(effect: StoredEffect, executor: EffectExecutor<unknown, R>, live: unknown): Promise<R | null> {
		const store = this.store as EffectStore;
		let attempts = effect.attempts;
		for (;;) {
			if (this.#stopped) return null;
			try {
				const result = await executor(effect.payload, live, {
					key: effect.key,
					plugin: effect.plugin,
					group: effect.group,
				});
				if (result === LEFT_TO_DO) return null;
				this.stats.done++;
				this.#finished.add(effect.key);
				void store
					.markDone(effect.id)
					.then(() => this.#finished.delete(effect.key))
					.catch(() => undefined);
				return result;
			} catch (error) {
				// Stopping: what failed now (the client is going) stays recorded for the next start.
				if (this.#stopped) return null;
				attempts++;
				const message = error instanceof Error ? error.message : String(error);
				if (isPermanent(error) || attempts >= MAX_ATTEMPTS) {
					this.stats.failed++;
					// Not awaited, like markDone: what the caller counts for the failure joins its batch.
					this.#finished.add(effect.key);
					void store
						.markFailed(effect.id, message, attempts)
						.then(() => this.#finished.delete(effect.key))
						.catch(() => undefined);
					throw error;
				}
				this.logger.warn(
					{ plugin: effect.plugin, kind: effect.kind, key: effect.key, attempt: attempts, err: error },
					'Effect failed; retrying',
				);
				await store.countAttempt(effect.id, message, attempts).catch(() => undefined);
				await new Promise((r) => setTimeout(r, retryDelay(attempts)));
			}
		}
	}
}
