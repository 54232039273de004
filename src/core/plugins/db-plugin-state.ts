import type { Database } from '../database/database.ts';
import { PluginGuildState } from '../database/entities/plugin-guild-state.ts';
import type { PluginStateStore } from './plugin-state.ts';

/**
 * Plugin enablement and settings in the database. Everything is read once at start and kept in
 * memory (event handlers ask on every event, synchronously); every change is written through
 * before the call resolves, so a restart loses nothing.
 */
export class DbPluginStateStore implements PluginStateStore {
	readonly #enabled = new Map<string, boolean>();
	readonly #settings = new Map<string, Record<string, unknown>>();

	private constructor(private readonly db: Database) {}

	static async load(db: Database): Promise<DbPluginStateStore> {
		const store = new DbPluginStateStore(db);
		for (const row of await db.em().find(PluginGuildState, {})) {
			const key = `${row.pluginId}:${row.guildId}`;
			if (row.enabled !== null && row.enabled !== undefined) store.#enabled.set(key, row.enabled);
			if (row.settings) store.#settings.set(key, row.settings);
		}
		return store;
	}

	isEnabled(pluginId: string, guildId: string, enabledByDefault: boolean): boolean {
		return this.#enabled.get(`${pluginId}:${guildId}`) ?? enabledByDefault;
	}

	async setEnabled(pluginId: string, guildId: string, enabled: boolean): Promise<void> {
		await this.#write(pluginId, guildId, { enabled });
		this.#enabled.set(`${pluginId}:${guildId}`, enabled);
	}

	getSettings(pluginId: string, guildId: string): Record<string, unknown> | undefined {
		return this.#settings.get(`${pluginId}:${guildId}`);
	}

	async setSettings(pluginId: string, guildId: string, settings: Record<string, unknown>): Promise<void> {
		await this.#write(pluginId, guildId, { settings });
		this.#settings.set(`${pluginId}:${guildId}`, settings);
	}

	async #write(
		pluginId: string,
		guildId: string,
		patch: { enabled?: boolean; settings?: Record<string, unknown> },
	): Promise<void> {
		const em = this.db.em();
		const row = await em.findOne(PluginGuildState, { pluginId, guildId });
		if (row) em.assign(row, patch);
		else
			em.create(PluginGuildState, {
				pluginId,
				guildId,
				enabled: patch.enabled ?? null,
				settings: patch.settings ?? null,
				updatedAt: new Date(),
			});
		await em.flush();
	}
}
