import type { SettingsSchema } from '../settings/settings-schema.ts';

/**
 * Per-guild plugin enablement and settings. Reads are synchronous (event handlers ask on every
 * event), so implementations keep everything in memory and write through to storage.
 */
export interface PluginStateStore {
	isEnabled(pluginId: string, guildId: string, enabledByDefault: boolean): boolean;
	setEnabled(pluginId: string, guildId: string, enabled: boolean): Promise<void>;
	getSettings(pluginId: string, guildId: string): Record<string, unknown> | undefined;
	setSettings(pluginId: string, guildId: string, settings: Record<string, unknown>): Promise<void>;
}

/** For tests and plugin authors' unit tests: state that lives as long as the process. */
export class MemoryPluginStateStore implements PluginStateStore {
	readonly #enabled = new Map<string, boolean>();
	readonly #settings = new Map<string, Record<string, unknown>>();

	isEnabled(pluginId: string, guildId: string, enabledByDefault: boolean): boolean {
		return this.#enabled.get(`${pluginId}:${guildId}`) ?? enabledByDefault;
	}

	async setEnabled(pluginId: string, guildId: string, enabled: boolean): Promise<void> {
		this.#enabled.set(`${pluginId}:${guildId}`, enabled);
	}

	getSettings(pluginId: string, guildId: string): Record<string, unknown> | undefined {
		return this.#settings.get(`${pluginId}:${guildId}`);
	}

	async setSettings(pluginId: string, guildId: string, settings: Record<string, unknown>): Promise<void> {
		this.#settings.set(`${pluginId}:${guildId}`, settings);
	}
}

export type { SettingsSchema };
