import { type Listener, PluginHook, SapphireClient } from '@sapphire/framework';
import { Client, type ClientOptions, Events } from 'discord.js';
import type { EventLedger } from './events/event-ledger.ts';
import { repeatedJoinKey } from './events/repeated-join.ts';
import { gateBucketDiscovery } from './rest/bucket-discovery.ts';

/** Sees each gateway packet before discord.js handles it (the session tracker numbers them). */
export interface PacketObserver {
	packet(packet: { s?: number | null; t?: string | null }, shardId: number): void;
}

/**
 * Sapphire's client, with one change to its login: the framework's `CoreReady` listener is left
 * out, because it registers application commands itself. Foyer pushes commands through its plugin
 * manager (one bulk overwrite per change), and two registrars would race. Its REST queue waits for
 * each route's bucket to be known before sending in parallel (see bucket-discovery.ts).
 */
export class FoyerClient extends SapphireClient {
	/** When set, events reach listeners through it: deduplicated, held until plugins are ready, tracked. */
	ledger: EventLedger | null = null;
	packets: PacketObserver | null = null;

	constructor(options: ClientOptions) {
		super(options);
		gateBucketDiscovery(this.rest);
	}

	/** Delivers to the listeners directly (what the ledger calls once it decided to deliver). */
	deliver(event: string, args: readonly unknown[]): boolean {
		return super.emit(event as never, ...args);
	}

	override emit(event: string | symbol, ...args: unknown[]): boolean {
		const ledger = this.ledger;
		if (!ledger || typeof event !== 'string') return super.emit(event as never, ...args);
		if (event === Events.Raw) {
			// discord.js emits `raw` just before it handles the packet, synchronously.
			const repeated = repeatedJoinKey(this, args[0]);
			if (repeated) ledger.markSeen(repeated);
			this.packets?.packet(args[0] as { s?: number | null }, args[1] as number);
		}
		return ledger.emit(event, args);
	}

	override async login(token?: string): Promise<string> {
		for (const plugin of SapphireClient.plugins.values(PluginHook.PreLogin)) {
			await plugin.hook.call(this, this.options);
			this.emit('pluginLoaded', plugin.type, plugin.name);
		}
		await Promise.all([...this.stores.values()].map((store) => store.loadAll()));
		const listeners = this.stores.get('listeners');
		// plugin-api's route-error listener sends error messages to browsers; Foyer's own replaces it.
		if (listeners.has('PluginRouteError')) await listeners.unload('PluginRouteError');
		const coreReady = listeners.get('CoreReady') as Listener | undefined;
		if (coreReady) {
			// Sapphire's unload leaves `once` listeners attached, so detach it by hand first.
			const callback = (coreReady as unknown as { _listener: ((...args: unknown[]) => void) | null })._listener;
			if (callback) this.off(coreReady.event as string, callback);
			await listeners.unload(coreReady);
		}
		const result = await Client.prototype.login.call(this, token);
		for (const plugin of SapphireClient.plugins.values(PluginHook.PostLogin)) {
			await plugin.hook.call(this, this.options);
			this.emit('pluginLoaded', plugin.type, plugin.name);
		}
		return result;
	}
}
