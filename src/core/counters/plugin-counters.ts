import { raw } from '@mikro-orm/core';
import type { Logger } from 'pino';
import type { Database } from '../database/database.ts';
import { PluginCounter } from './plugin-counter-entity.ts';

/** How long an increment waits for others to share its write: a raid's hundreds of joins cost a few writes. */
const GATHER_MS = 100;

/**
 * Per-guild counters for plugins' dashboard figures (`container.counters`). Increments are added up
 * in memory for up to GATHER_MS and written atomically (`value = value + n`), so counting costs
 * almost nothing per event and never loses an increment to a read-modify-write race. Reads include
 * what is not written yet. Without a database the counters live in memory.
 */
export class PluginCounters {
	readonly #pending = new Map<string, number>();
	readonly #memory = new Map<string, number>();
	#timer: NodeJS.Timeout | null = null;
	#flushing: Promise<void> = Promise.resolve();

	constructor(
		private readonly db: Database | undefined,
		private readonly logger: Logger,
	) {}

	static async create(db: Database | undefined, logger: Logger): Promise<PluginCounters> {
		if (db) await db.registerEntities('foyer-counters', [PluginCounter]);
		return new PluginCounters(db, logger);
	}

	add(plugin: string, guildId: string, name: string, n = 1): void {
		const key = JSON.stringify([plugin, guildId, name]);
		this.#pending.set(key, (this.#pending.get(key) ?? 0) + n);
		this.#timer ??= setTimeout(() => void this.flush(), GATHER_MS);
	}

	async read(plugin: string, guildId: string): Promise<Record<string, number>> {
		const out: Record<string, number> = {};
		if (this.db) {
			await this.#flushing;
			for (const row of await this.db.em().find(PluginCounter, { plugin, guildId })) out[row.name] = Number(row.value);
		} else
			for (const [key, value] of this.#memory) {
				const [p, g, name] = JSON.parse(key) as string[];
				if (p === plugin && g === guildId) out[name as string] = value;
			}
		for (const [key, value] of this.#pending) {
			const [p, g, name] = JSON.parse(key) as string[];
			if (p === plugin && g === guildId) out[name as string] = (out[name as string] ?? 0) + value;
		}
		return out;
	}

	/** Writes what is pending (also called at stop, so nothing counted is lost). */
	flush(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		const batch = [...this.#pending];
		this.#pending.clear();
		this.#flushing = this.#flushing.then(() => this.#write(batch));
		return this.#flushing;
	}

	async #write(batch: [string, number][]): Promise<void> {
		for (const [key, n] of batch) {
			if (!this.db) {
				this.#memory.set(key, (this.#memory.get(key) ?? 0) + n);
				continue;
			}
			const [plugin, guildId, name] = JSON.parse(key) as [string, string, string];
			try {
				const where = { plugin, guildId, name };
				const updated = await this.db.em().nativeUpdate(PluginCounter, where, { value: raw('value + ?', [n]) });
				if (updated === 0)
					await this.db
						.em()
						.insert(PluginCounter, { ...where, value: n })
						.catch(() => this.db?.em().nativeUpdate(PluginCounter, where, { value: raw('value + ?', [n]) }));
			} catch (error) {
				this.logger.warn({ plugin, guild: guildId, counter: name, err: error }, 'Could not store a counter');
			}
		}
	}
}
