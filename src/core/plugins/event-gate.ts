import { EventEmitter } from 'node:events';
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
	#held: { event: string; args: unknown[] }[] | null = null;
	readonly #forwarders = new Map<string, (...args: unknown[]) => void>();

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
		if (this.#forwarders.has(event)) return;
		const forwarder = (...args: unknown[]) => this.deliver(event, args);
		this.#forwarders.set(event, forwarder);
		this.source.on(event, forwarder);
	}

	deliver(event: string, args: unknown[]): void {
		if (this.#held) {
			this.#held.push({ event, args });
			return;
		}
		const guildId = guildIdOf(args);
		if (guildId !== null && !this.enabledIn(guildId)) return;
		// Not this.emit: the core's event ledger needs the listeners' promises (see emitTracked).
		emitTracked(this, this.pluginId, event, args);
	}

	/** Starts holding events (before the plugin's pieces are unloaded for a reload). */
	hold(): void {
		this.#held ??= [];
	}

	/** Delivers held events to the listeners attached now, then forwards live again. */
	release(): number {
		const held = this.#held ?? [];
		this.#held = null;
		for (const { event, args } of held) this.deliver(event, args);
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
		this.#held = null;
		for (const [event, forwarder] of this.#forwarders) this.source.off(event, forwarder);
		this.#forwarders.clear();
		this.removeAllListeners();
	}
}
