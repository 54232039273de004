import { raw } from '@mikro-orm/core';
import { container } from '@sapphire/framework';
import { AutorolesStats } from './entities/autoroles-stats.ts';

export interface AutorolesStatsView {
	assigned: number;
	failed: number;
	lastError: string | null;
	lastErrorAt: Date | null;
}

/** Exact figures: what is still gathering for the guild is written first. */
export async function readStats(guildId: string): Promise<AutorolesStatsView> {
	await flushStats(guildId);
	const row = await container.db.em().findOne(AutorolesStats, { guildId });
	return {
		assigned: row?.assigned ?? 0,
		failed: row?.failed ?? 0,
		lastError: row?.lastError ?? null,
		lastErrorAt: row?.lastErrorAt ?? null,
	};
}

interface Waiter {
	resolve(isNew: boolean): void;
	reject(error: unknown): void;
}
/** Failures in a row with the same reason; only the first of them can bring a new reason. */
interface FailureRun {
	reason: string;
	n: number;
	at: Date;
	waiters: Waiter[];
}
interface Batch {
	assigned: number;
	assignedWaiters: Waiter[];
	failures: FailureRun[];
}
interface Pending {
	batch: Batch;
	timer: NodeJS.Timeout | null;
	drained: Promise<void> | null;
}

// Counts waiting for the guild's next write: in a raid, hundreds of joins share a few writes.
const pending = new Map<string, Pending>();
/** How long a count may wait for others to share its write (joins arrive one by one, not at once). */
const GATHER_MS = 100;

const emptyBatch = (): Batch => ({ assigned: 0, assignedWaiters: [], failures: [] });
const isEmpty = (b: Batch) => b.assignedWaiters.length === 0 && b.failures.length === 0;

function enqueue(guildId: string, add: (batch: Batch) => void): void {
	let p = pending.get(guildId);
	if (!p) {
		p = { batch: emptyBatch(), timer: null, drained: null };
		pending.set(guildId, p);
	}
	add(p.batch);
	// While a write is under way, the drain picks the new counts up when it is done.
	const entry = p;
	if (!p.timer && !p.drained) p.timer = setTimeout(() => void drain(guildId, entry), GATHER_MS);
}

/** Writes the guild's batches now rather than when the gathering ends; resolves once all are stored. */
function drain(guildId: string, p: Pending): Promise<void> {
	if (p.timer) clearTimeout(p.timer);
	p.timer = null;
	p.drained ??= (async () => {
		while (!isEmpty(p.batch)) {
			const batch = p.batch;
			p.batch = emptyBatch();
			try {
				const firstIsNew = await write(guildId, batch);
				for (const w of batch.assignedWaiters) w.resolve(false);
				// Runs differ from the one before them, so each after the first brings a new reason.
				for (const [i, run] of batch.failures.entries())
					for (const [j, w] of run.waiters.entries()) w.resolve(j === 0 && (i > 0 || firstIsNew));
			} catch (error) {
				for (const w of batch.assignedWaiters) w.reject(error);
				for (const run of batch.failures) for (const w of run.waiters) w.reject(error);
			}
		}
		if (pending.get(guildId) === p) pending.delete(guildId);
	})();
	return p.drained;
}

/** Writes what the guild has gathering, and waits for writes under way. */
export async function flushStats(guildId: string): Promise<void> {
	const p = pending.get(guildId);
	if (p) await drain(guildId, p);
}

/** Writes every guild's gathering counts (when the plugin is unloaded or Foyer stops). */
export async function flushAllStats(): Promise<void> {
	await Promise.all([...pending].map(([guildId, p]) => drain(guildId, p)));
}

/**
 * One atomic update of the guild's row for a whole batch (`x = x + n`, so concurrent writers never
 * lose a count), creating the row on first use. Resolves whether the first failure run's reason is
 * new, i.e. differs from the stored one: only one of several concurrent writers can see the old one.
 */
async function write(guildId: string, batch: Batch): Promise<boolean> {
	const failed = batch.failures.reduce((sum, run) => sum + run.n, 0);
	const first = batch.failures[0];
	const last = batch.failures.at(-1);
	if (batch.assigned === 0 && !last) return false;
	const changes = () => ({
		...(batch.assigned > 0 ? { assigned: raw('assigned + ?', [batch.assigned]) } : {}),
		...(last ? { failed: raw('failed + ?', [failed]), lastError: last.reason, lastErrorAt: last.at } : {}),
	});
	const update = (where: object) => container.db.em().nativeUpdate(AutorolesStats, { guildId, ...where }, changes());
	if (first && (await update({ $or: [{ lastError: null }, { lastError: { $ne: first.reason } }] })) > 0) return true;
	if ((await update({})) > 0) return false;
	try {
		const em = container.db.em();
		em.create(AutorolesStats, {
			guildId,
			assigned: batch.assigned,
			failed,
			lastError: last?.reason ?? null,
			lastErrorAt: last?.at ?? null,
		});
		await em.flush();
		return first !== undefined;
	} catch {
		// Another process created the row first: count on it.
		await update({});
		return false;
	}
}

/** Counts `n` roles given; resolves once stored (counts within GATHER_MS share one write). */
export function countAssigned(guildId: string, n: number): Promise<void> {
	return new Promise<void>((resolve, reject) =>
		enqueue(guildId, (batch) => {
			batch.assigned += Math.trunc(n);
			batch.assignedWaiters.push({ resolve: () => resolve(), reject });
		}),
	);
}

/**
 * Counts `n` roles that could not be given and keeps `reason` as the last error. Resolves true when
 * the reason is new (differs from the one stored, or from the failure counted just before), so
 * callers warn once per problem rather than once per join of a raid.
 */
export function countFailure(guildId: string, n: number, reason: string): Promise<boolean> {
	const at = new Date();
	return new Promise<boolean>((resolve, reject) =>
		enqueue(guildId, (batch) => {
			const last = batch.failures.at(-1);
			if (last?.reason === reason) {
				last.n += Math.trunc(n);
				last.at = at;
				last.waiters.push({ resolve, reject });
			} else batch.failures.push({ reason, n: Math.trunc(n), at, waiters: [{ resolve, reject }] });
		}),
	);
}
