import { raw } from '@mikro-orm/core';
import type { Logger } from 'pino';
import type { Database } from '../database/database.ts';
import type { Completions } from '../effects/completions.ts';
import { PluginCounter } from './plugin-counter-entity.ts';
import { PluginNote } from './plugin-note-entity.ts';

interface Note {
	message: string;
	at: Date;
}

/** How long an increment waits for others to share its write: a raid's hundreds of joins cost a few writes. */
const GATHER_MS = 100;
const RETRY_MS = 2_000;
/** A repeated note only refreshes its time in the database this often (a raid repeats one problem hundreds of times). */
const NOTE_REFRESH_MS = 10_000;

/**
 * Per-guild counters for plugins' dashboard figures (`container.counters`). With a database, an
 * increment goes out with the effect completions (completions.ts): written atomically
 * (`value = value + n`) in the transaction that marks done the effect it counts, so a `kill -9`
 * neither loses nor doubles it, and a raid's hundreds of joins cost a few writes. A read writes what
 * is waiting first, so it is exact. Without a database the counters live in memory.
 */
export class PluginCounters {
	readonly #pending = new Map<string, number>();
	readonly #memory = new Map<string, number>();
	#timer: NodeJS.Timeout | null = null;
	#flushing: Promise<void> = Promise.resolve();
	#closed = false;
	#failing = false;
	/** The last note per plugin and guild as stored (or being stored); null when there is none. */
	readonly #notes = new Map<string, Promise<{ note: Note | null; writtenAt: number }>>();

	constructor(
		private readonly db: Database | undefined,
		private readonly logger: Logger,
		private readonly completions: Completions | null = null,
	) {}

	static async create(
		db: Database | undefined,
		logger: Logger,
		completions: Completions | null = null,
	): Promise<PluginCounters> {
		if (db) await db.registerEntities('foyer-counters', [PluginCounter, PluginNote]);
		return new PluginCounters(db, logger, completions);
	}

	add(plugin: string, guildId: string, name: string, n = 1): void {
		if (this.#closed) return;
		// Rejected only when Foyer stops before it could be written (the database was away to the end).
		if (this.completions) return void this.completions.count(plugin, guildId, name, n).catch(() => undefined);
		const key = JSON.stringify([plugin, guildId, name]);
		this.#pending.set(key, (this.#pending.get(key) ?? 0) + n);
		this.#timer ??= setTimeout(() => void this.flush(), GATHER_MS);
	}

	/**
	 * The guild's counters, exact: what is still gathering is written first (a read that added the
	 * pending counts to a database read could miss a batch being written in between).
	 */
	async read(plugin: string, guildId: string): Promise<Record<string, number>> {
		const out: Record<string, number> = {};
		if (this.db) {
			await this.flush();
			for (const row of await this.db.em().find(PluginCounter, { plugin, guildId })) out[row.name] = Number(row.value);
			return out;
		}
		for (const map of [this.#memory, this.#pending])
			for (const [key, value] of map) {
				const [p, g, name] = JSON.parse(key) as string[];
				if (p === plugin && g === guildId) out[name as string] = (out[name as string] ?? 0) + value;
			}
		return out;
	}

	/**
	 * Keeps `message` as the plugin's last problem in the guild. Resolves true when it differs from the
	 * note before it, so a plugin can warn once per problem rather than once per event of a raid.
	 * Notes for one guild are taken in order, so of two identical new notes only the first is new.
	 */
	note(plugin: string, guildId: string, message: string): Promise<boolean> {
		const key = JSON.stringify([plugin, guildId]);
		let isNew = false;
		const next = this.#loadNote(key, plugin, guildId).then(async (current) => {
			const at = new Date();
			isNew = current.note?.message !== message;
			const stale = Date.now() - current.writtenAt > NOTE_REFRESH_MS;
			if (!isNew && !stale) return { note: { message, at }, writtenAt: current.writtenAt };
			await this.#writeNote(plugin, guildId, { message, at });
			return { note: { message, at }, writtenAt: Date.now() };
		});
		// A failed write must not poison later notes: the next one starts from "unknown" again.
		this.#notes.set(
			key,
			next.catch(() => ({ note: null, writtenAt: 0 })),
		);
		return next.then(() => isNew);
	}

	async lastNote(plugin: string, guildId: string): Promise<Note | null> {
		return (await this.#loadNote(JSON.stringify([plugin, guildId]), plugin, guildId)).note;
	}

	#loadNote(key: string, plugin: string, guildId: string) {
		let loaded = this.#notes.get(key);
		if (!loaded) {
			loaded = (async () => {
				const row = this.db ? await this.db.em().findOne(PluginNote, { plugin, guildId }) : null;
				return { note: row ? { message: row.message, at: row.at } : null, writtenAt: row ? row.at.getTime() : 0 };
			})();
			this.#notes.set(key, loaded);
		}
		return loaded;
	}

	/** Stores a note; a note that cannot be stored (the database is away) is logged, never thrown at a caller. */
	async #writeNote(plugin: string, guildId: string, note: Note): Promise<void> {
		if (!this.db) return;
		const where = { plugin, guildId };
		try {
			if ((await this.db.em().nativeUpdate(PluginNote, where, note)) > 0) return;
			await this.db.em().insert(PluginNote, { ...where, ...note });
		} catch {
			// Another process inserted it first: keep ours as the latest.
			await this.db
				.em()
				.nativeUpdate(PluginNote, where, note)
				.catch((error: unknown) =>
					this.logger.warn({ plugin, guild: guildId, err: error }, 'Could not store a plugin note'),
				);
		}
	}

	/** Sets the plugin's counters and note in the guild back to nothing (written and pending). */
	async reset(plugin: string, guildId: string): Promise<void> {
		await this.flush();
		for (const key of this.#memory.keys()) {
			const [p, g] = JSON.parse(key) as string[];
			if (p === plugin && g === guildId) this.#memory.delete(key);
		}
		this.#notes.delete(JSON.stringify([plugin, guildId]));
		if (!this.db) return;
		await this.db.em().nativeDelete(PluginCounter, { plugin, guildId });
		await this.db.em().nativeDelete(PluginNote, { plugin, guildId });
	}

	/** Writes what is pending (also called at stop, so nothing counted is lost). */
	async flush(): Promise<void> {
		await this.completions?.flush();
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		const batch = [...this.#pending];
		this.#pending.clear();
		this.#flushing = this.#flushing.then(() => this.#write(batch));
		await this.#flushing;
	}

	/** Writes what is pending and takes no more (Foyer stopping: the database closes next). */
	async close(): Promise<void> {
		await this.flush();
		this.#closed = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}

	async #write(batch: [string, number][]): Promise<void> {
		let failed = false;
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
				// Kept for the next flush rather than lost (the database may be briefly unavailable).
				this.#pending.set(key, (this.#pending.get(key) ?? 0) + n);
				if (!this.#closed) {
					this.#timer ??= setTimeout(() => void this.flush(), RETRY_MS);
					this.#timer.unref?.();
				}
				// One warning per outage, not one per counter and attempt.
				if (!this.#failing)
					this.logger.warn(
						{ plugin, guild: guildId, counter: name, err: error },
						'Could not store a counter; retrying',
					);
				else this.logger.debug({ plugin, guild: guildId, counter: name, err: error }, 'Counter still not stored');
				failed = true;
			}
		}
		if (this.#failing && !failed) this.logger.info('Counters stored again');
		this.#failing = failed;
	}
}
