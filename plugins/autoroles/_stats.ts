import { raw } from '@mikro-orm/core';
import { container } from '@sapphire/framework';
import { AutorolesStats } from './entities/autoroles-stats.ts';

export interface AutorolesStatsView {
	assigned: number;
	failed: number;
	lastError: string | null;
	lastErrorAt: Date | null;
}

export async function readStats(guildId: string): Promise<AutorolesStatsView> {
	// Counts still gathering are part of the figures: wait for them to be written.
	await pendingAssigned.get(guildId)?.written;
	const row = await container.db.em().findOne(AutorolesStats, { guildId });
	return {
		assigned: row?.assigned ?? 0,
		failed: row?.failed ?? 0,
		lastError: row?.lastError ?? null,
		lastErrorAt: row?.lastErrorAt ?? null,
	};
}

/**
 * Runs an atomic update of the guild's row, creating the row on first use. Every change is a single
 * `update ... set x = x + n`, so concurrent joins never lose a count.
 */
async function bump(
	guildId: string,
	update: () => Promise<number>,
	initial: Partial<AutorolesStatsView>,
): Promise<'updated' | 'created'> {
	if ((await update()) > 0) return 'updated';
	try {
		const em = container.db.em();
		em.create(AutorolesStats, { guildId, assigned: 0, failed: 0, lastError: null, lastErrorAt: null, ...initial });
		await em.flush();
		return 'created';
	} catch {
		// Another join created the row first: count on it.
		await update();
		return 'updated';
	}
}

const plus = (column: string, n: number) => raw(`${column} + ${Math.trunc(n)}`);

// Assignments waiting to be written: in a raid, hundreds of joins share a few writes.
const pendingAssigned = new Map<string, { n: number; written: Promise<void> }>();
const GATHER_MS = 100;

/** Counts `n` roles given; increments within GATHER_MS are added up and written in one atomic update. */
export function countAssigned(guildId: string, n: number): Promise<void> {
	const pending = pendingAssigned.get(guildId);
	if (pending) {
		pending.n += n;
		return pending.written;
	}
	const entry = { n, written: Promise.resolve() };
	entry.written = new Promise<void>((resolve) => setTimeout(resolve, GATHER_MS)).then(() => {
		pendingAssigned.delete(guildId);
		return writeAssigned(guildId, entry.n);
	});
	pendingAssigned.set(guildId, entry);
	return entry.written;
}

async function writeAssigned(guildId: string, n: number): Promise<void> {
	const em = container.db.em();
	await bump(guildId, () => em.nativeUpdate(AutorolesStats, { guildId }, { assigned: plus('assigned', n) }), {
		assigned: n,
	});
}

/**
 * Counts `n` roles that could not be given and keeps `reason` as the last error. Resolves true when
 * the reason is new (differs from the one stored), so callers warn once per problem rather than once
 * per join of a raid.
 */
export async function countFailure(guildId: string, n: number, reason: string): Promise<boolean> {
	const em = container.db.em();
	const at = new Date();
	// Only one of several concurrent updates can see the old reason, so only one caller gets true.
	const changed = await em.nativeUpdate(
		AutorolesStats,
		{ guildId, $or: [{ lastError: null }, { lastError: { $ne: reason } }] },
		{ failed: plus('failed', n), lastError: reason, lastErrorAt: at },
	);
	if (changed > 0) return true;
	const how = await bump(
		guildId,
		() => em.nativeUpdate(AutorolesStats, { guildId }, { failed: plus('failed', n), lastErrorAt: at }),
		{ failed: n, lastError: reason, lastErrorAt: at },
	);
	return how === 'created';
}
