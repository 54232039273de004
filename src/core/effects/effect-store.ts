import type { Logger } from 'pino';
import { BatchWriter } from '../database/batch-writer.ts';
import type { Database } from '../database/database.ts';
import { isDatabaseUnavailable } from '../database/database-unavailable.ts';
import type { Completions } from './completions.ts';
import { EffectRow, type StoredEffect } from './effect-entity.ts';

/** How long carried-out effects are kept: a replayed event finds its effects done for this long. */
export const EFFECT_RETENTION_MS = 14 * 24 * 3600_000;

export interface NewEffect {
	key: string;
	kind: string;
	plugin: string;
	payload: unknown;
}

/** A recorded effect's row, or null when its key was carried out (or failed for good) before. */
export type Recorded = { id: number; fresh: boolean } | null;

/**
 * The outbox rows: recorded and marked in batches (a raid's hundreds of effects cost a few
 * statements). Completions go through `completions`, with the counters they move (completions.ts).
 */
export class EffectStore {
	readonly #records: BatchWriter<NewEffect, Recorded>;
	#closed = false;

	private constructor(
		private readonly db: Database,
		private readonly completions: Completions,
		logger: Logger,
	) {
		this.#records = new BatchWriter((rows) => this.#insert(rows), { name: 'effects', logger, gatherMs: 0 });
	}

	static async open(db: Database, completions: Completions, logger: Logger): Promise<EffectStore> {
		await db.registerEntities('foyer-effects', [EffectRow]);
		return new EffectStore(db, completions, logger);
	}

	/**
	 * Records the effect; resolves its row (`fresh`: recorded now), the pending row already recorded
	 * under that key (`fresh: false`), or null when an effect with that key was carried out (or
	 * failed for good) before.
	 */
	record(effect: NewEffect): Promise<Recorded> {
		return this.#records.add(effect);
	}

	markDone(id: number): Promise<void> {
		return this.completions.done(id);
	}

	markFailed(id: number, error: string, attempts: number): Promise<void> {
		return this.completions.failed(id, error, attempts);
	}

	/** Resolves once the completions (and counts) queued so far are written. */
	written(): Promise<void> {
		return this.completions.written();
	}

	async countAttempt(id: number, error: string, attempts: number): Promise<void> {
		await this.db.em().nativeUpdate(EffectRow, { id }, { lastError: error.slice(0, 2000), attempts });
	}

	/** Effects recorded and not carried out (a crash, a stop), oldest first; old finished rows are deleted. */
	async pending(now = Date.now()): Promise<StoredEffect[]> {
		await this.db
			.em()
			.nativeDelete(EffectRow, { status: { $ne: 'pending' }, createdAt: { $lt: now - EFFECT_RETENTION_MS } });
		const rows = await this.db.em().find(EffectRow, { status: 'pending' }, { orderBy: { id: 'asc' } });
		return rows.map((r) => ({
			id: r.id,
			key: r.effectKey,
			kind: r.kind,
			plugin: r.plugin,
			payload: r.payload,
			attempts: r.attempts,
			group: r.groupNonce ?? null,
		}));
	}

	/**
	 * Notes the combined message a group of effects is about to go out in. While the database is
	 * unavailable it waits (at most `maxWaitMs`): sent un-noted, the group could be regrouped
	 * differently after a crash and its members welcomed twice.
	 */
	async markGrouped(keys: string[], nonce: string, maxWaitMs = 60_000): Promise<void> {
		const started = Date.now();
		for (let attempt = 1; ; attempt++) {
			try {
				await this.db.em().nativeUpdate(EffectRow, { effectKey: { $in: keys } }, { groupNonce: nonce });
				return;
			} catch (error) {
				if (this.#closed || !isDatabaseUnavailable(error) || Date.now() - started > maxWaitMs) throw error;
				await new Promise((r) => setTimeout(r, Math.min(2_000, 100 * 2 ** attempt)));
			}
		}
	}

	async countByStatus(): Promise<Record<string, number>> {
		const rows = (await this.db
			.em()
			.getConnection()
			.execute('select status, count(*) as n from foyer_effects group by status')) as { status: string; n: number }[];
		return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
	}

	get waiting(): number {
		return this.#records.pending + this.completions.pending;
	}

	get failing(): boolean {
		return this.#records.failing || this.completions.failing;
	}

	async flush(): Promise<void> {
		await this.#records.flush();
		await this.completions.flush();
	}

	close(): void {
		this.#closed = true;
		this.#records.close();
	}

	async #insert(rows: NewEffect[]): Promise<Recorded[]> {
		const now = Date.now();
		// Two asks for one key in the same batch: the first is recorded, the second finds it.
		const first = new Map<string, NewEffect>();
		for (const r of rows) if (!first.has(r.key)) first.set(r.key, r);
		const unique = [...first.values()];
		const values = unique.map(() => "(?, ?, ?, ?, 'pending', 0, ?)").join(', ');
		const inserted = (await this.db
			.em()
			.getConnection()
			.execute(
				`insert into foyer_effects (effect_key, kind, plugin, payload, status, attempts, created_at) values ${values}
				 on conflict (effect_key) do nothing returning id, effect_key`,
				unique.flatMap((r) => [r.key, r.kind, r.plugin, JSON.stringify(r.payload), now]),
				'all',
			)) as { id: number; effect_key: string }[];
		const ids = new Map(inserted.map((r) => [r.effect_key, Number(r.id)]));
		// Keys already there: recorded before (a replay, a retry), or by this very batch when an earlier
		// attempt of it was committed but its answer lost with the connection. Their status tells.
		const existing = new Map<string, { id: number; status: string }>();
		const known = unique.filter((r) => !ids.has(r.key)).map((r) => r.key);
		if (known.length > 0) {
			const found = (await this.db
				.em()
				.getConnection()
				.execute(
					`select id, effect_key, status from foyer_effects where effect_key in (${known.map(() => '?').join(', ')})`,
					known,
					'all',
				)) as { id: number; effect_key: string; status: string }[];
			for (const r of found) existing.set(r.effect_key, { id: Number(r.id), status: r.status });
		}
		const taken = new Set<string>();
		return rows.map((r) => {
			if (taken.has(r.key)) return null;
			taken.add(r.key);
			const id = ids.get(r.key);
			if (id !== undefined) return { id, fresh: true };
			const row = existing.get(r.key);
			return row?.status === 'pending' ? { id: row.id, fresh: false } : null;
		});
	}
}
