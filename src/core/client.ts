import { type Listener, PluginHook, SapphireClient } from '@sapphire/framework';
import { Client, type ClientOptions } from 'discord.js';
import { gateBucketDiscovery } from './rest/bucket-discovery.ts';

/**
 * Sapphire's client, with one change to its login: the framework's `CoreReady` listener is left
 * out, because it registers application commands itself. Foyer pushes commands through its plugin
 * manager (one bulk overwrite per change), and two registrars would race. Its REST queue waits for
 * each route's bucket to be known before sending in parallel (see bucket-discovery.ts).
 */
export class FoyerClient extends SapphireClient {
	constructor(options: ClientOptions) {
		super(options);
		gateBucketDiscovery(this.rest);
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
