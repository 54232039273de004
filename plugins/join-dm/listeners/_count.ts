import { raw } from '@mikro-orm/core';
import { container } from '@sapphire/framework';
import { JoinDmStats } from '../entities/join-dm-stats.ts';

type Field = 'sent' | 'failed';
interface Pending {
	sent: number;
	failed: number;
	waiters: { resolve(): void; reject(error: unknown): void }[];
	writing: boolean;
}

// Increments waiting for the guild's next write: in a raid, hundreds of DMs cost a few writes.
const pending = new Map<string, Pending>();
/** How long an increment may wait for others to share its write (DMs arrive one by one, not at once). */
const GATHER_MS = 100;

/**
 * Counts one DM sent or failed in the guild's row, atomically (`x = x + n`). Increments within
 * GATHER_MS, or while a write is in flight, are added up and written together; resolves once stored.
 */
export function count(guildId: string, field: Field): Promise<void> {
	let p = pending.get(guildId);
	if (!p) {
		p = { sent: 0, failed: 0, waiters: [], writing: false };
		pending.set(guildId, p);
	}
	p[field]++;
	const done = new Promise<void>((resolve, reject) => p.waiters.push({ resolve, reject }));
	if (!p.writing) {
		p.writing = true;
		setTimeout(() => void drain(guildId, p), GATHER_MS);
	}
	return done;
}

async function drain(guildId: string, p: Pending): Promise<void> {
	while (p.sent > 0 || p.failed > 0) {
		const batch = { sent: p.sent, failed: p.failed };
		const waiters = p.waiters;
		p.sent = 0;
		p.failed = 0;
		p.waiters = [];
		try {
			await write(guildId, batch);
			for (const w of waiters) w.resolve();
		} catch (error) {
			for (const w of waiters) w.reject(error);
		}
	}
	p.writing = false;
	pending.delete(guildId);
}

async function write(guildId: string, batch: Record<Field, number>): Promise<void> {
	const increments = { sent: raw('sent + ?', [batch.sent]), failed: raw('failed + ?', [batch.failed]) };
	const updated = await container.db.em().nativeUpdate(JoinDmStats, { guildId }, increments);
	if (updated > 0) return;
	try {
		const em = container.db.em();
		em.create(JoinDmStats, { guildId, ...batch });
		await em.flush();
	} catch {
		// Another process created the row first: add to it.
		await container.db.em().nativeUpdate(JoinDmStats, { guildId }, increments);
	}
}
