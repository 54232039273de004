import { EventEmitter } from 'node:events';
import { container, type Listener } from '@sapphire/framework';
import { emitTracked } from '../events/handler-tracking.ts';

/** Finds the guild an emitted discord.js event is about, if any. */
export function guildIdOf(args: readonly unknown[]): string | null {
	for (const arg of args) {
		if (typeof arg !== 'object' || arg === null) continue;
		const a = arg as { guildId?: unknown; guild?: { id?: unknown }; message?: { guildId?: unknown } };
		if (typeof a.guildId === 'string') return a.guildId;
		if (typeof a.guild?.id === 'string') return a.guild.id;
		if (typeof a.message?.guildId === 'string') return a.message.guildId;
	}
	return null;
}

/**
 * The emitter a plugin's listeners attach to instead of the client. It forwards the client's events
 * while the plugin is active, drops guild events for guilds where the plugin is disabled, and holds
 * events while the plugin reloads so that none is lost: they are delivered in order afterwards.
 */
export class PluginEventGate extends EventEmitter {
	#held: HeldEvent[] | null = null;
	readonly #forwarders = new Map<string, (...args: unknown[]) => void>();
	/** Handlers of plugin events registered with `plugin.events.on()`, by event name. */
	readonly #handlers = new Map<string, Set<PluginEventHandler>>();

	constructor(
		readonly pluginId: string,
		private readonly source: EventEmitter,
		readonly enabledIn: (guildId: string) => boolean,
	) {
		super({ captureRejections: false });
		this.setMaxListeners(0);
		// Subscribe to the client lazily: only events some piece of this plugin listens to.
		this.on('newListener', (event: string | symbol) => {
			if (typeof event === 'string' && event !== 'newListener' && event !== 'removeListener') this.#forward(event);
		});
	}

	#forward(event: string): void {
		// Plugin events (`invites:joinCounted`) come from the event bus, never from the client.
		if (this.#forwarders.has(event) || isPluginEvent(event)) return;
		const forwarder = (...args: unknown[]) => this.deliver(event, args);
		this.#forwarders.set(event, forwarder);
		this.source.on(event, forwarder);
	}

	deliver(event: string, args: unknown[]): void {
		if (this.#held) {
			this.#held.push({ event, args, settle: null });
			return;
		}
		const guildId = guildIdOf(args);
		if (guildId !== null && !this.enabledIn(guildId)) return;
		// Not this.emit: the core's event ledger needs the listeners' promises (see emitTracked).
		emitTracked(this, this.pluginId, event, args);
	}

	/** Whether anything of this plugin listens to `event` (a listener piece or a handler). */
	listensTo(event: string): boolean {
		return this.listenerCount(event) > 0 || (this.#handlers.get(event)?.size ?? 0) > 0;
	}

	/**
	 * Delivers a plugin event and resolves once every listener piece and handler of this plugin has
	 * finished with it; rejects with their errors. Held like any event while the plugin reloads: the
	 * promise then settles once the new version has handled it.
	 */
	deliverAwaited(event: string, args: unknown[]): Promise<void> {
		if (this.#held) {
			const held = this.#held;
			return new Promise<void>((resolve, reject) => held.push({ event, args, settle: { resolve, reject } }));
		}
		const guildId = guildIdOf(args);
		if (guildId !== null && !this.enabledIn(guildId)) return Promise.resolve();
		return this.#runAll(event, args);
	}

	async #runAll(event: string, args: unknown[]): Promise<void> {
		const runs: Promise<unknown>[] = [];
		for (const piece of this.#listenerPieces(event)) runs.push(Promise.resolve().then(() => piece.run(...args)));
		for (const handler of this.#handlers.get(event) ?? [])
			runs.push(Promise.resolve().then(() => (handler as (...a: unknown[]) => unknown)(...args)));
		const failures = (await Promise.allSettled(runs)).filter((r) => r.status === 'rejected');
		if (failures.length === 1) throw (failures[0] as PromiseRejectedResult).reason;
		if (failures.length > 1)
			throw new AggregateError(
				failures.map((f) => (f as PromiseRejectedResult).reason),
				`${failures.length} handlers of ${event} in plugin ${this.pluginId} failed`,
			);
	}

	/** The plugin's loaded listener pieces for `event` (attached to this gate by the piece loader). */
	#listenerPieces(event: string): Listener[] {
		const store = container.stores.get('listeners');
		return [...store.values()].filter(
			(l) => l.event === event && (l as unknown as { emitter: unknown }).emitter === this && l.enabled,
		);
	}

	/** Registers a handler for a plugin event; the returned function removes it. */
	subscribe(event: string, handler: PluginEventHandler): () => void {
		let set = this.#handlers.get(event);
		if (!set) {
			set = new Set();
			this.#handlers.set(event, set);
		}
		set.add(handler);
		return () => set.delete(handler);
	}

	/** Takes every `plugin.events.on()` handler away (the plugin's code is being replaced), to put back if that fails. */
	takeHandlers(): Map<string, Set<PluginEventHandler>> {
		const taken = new Map(this.#handlers);
		this.#handlers.clear();
		return taken;
	}

	putBackHandlers(handlers: Map<string, Set<PluginEventHandler>>): void {
		this.#handlers.clear();
		for (const [event, set] of handlers) this.#handlers.set(event, set);
	}

	/** Starts holding events (before the plugin's pieces are unloaded for a reload). */
	hold(): void {
		this.#held ??= [];
	}

	/** Delivers held events to the listeners attached now, then forwards live again. */
	release(): number {
		const held = this.#held ?? [];
		this.#held = null;
		for (const { event, args, settle } of held) {
			if (!settle) this.deliver(event, args);
			else this.deliverAwaited(event, args).then(settle.resolve, settle.reject);
		}
		this.#prune();
		return held.length;
	}

	get holding(): boolean {
		return this.#held !== null;
	}

	/** Stops forwarding events nobody listens to any more (after a reload or unload). */
	#prune(): void {
		for (const [event, forwarder] of this.#forwarders) {
			if (this.listenerCount(event) === 0) {
				this.source.off(event, forwarder);
				this.#forwarders.delete(event);
			}
		}
	}

	close(): void {
		for (const { settle } of this.#held ?? []) settle?.resolve();
		this.#held = null;
		this.#handlers.clear();
		for (const [event, forwarder] of this.#forwarders) this.source.off(event, forwarder);
		this.#forwarders.clear();
		this.removeAllListeners();
	}
}

export type PluginEventHandler = (...args: never[]) => unknown;

interface HeldEvent {
	event: string;
	args: unknown[];
	/** Set for plugin events, whose emitter waits until they are handled. */
	settle: { resolve(): void; reject(error: unknown): void } | null;
}

/** Plugin events are named `<plugin-id>:<name>`; discord.js and Sapphire events never contain a colon. */
export function isPluginEvent(event: string): boolean {
	return event.includes(':');
}
