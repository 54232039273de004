import { raw } from '@mikro-orm/core';
import { container } from '@sapphire/framework';
import { JoinDmStats } from '../entities/join-dm-stats.ts';

/** Atomic increment of one counter of a guild's row (created on first use). */
export async function count(guildId: string, field: 'sent' | 'failed'): Promise<void> {
	const em = container.db.em();
	const updated = await em.nativeUpdate(JoinDmStats, { guildId }, { [field]: raw(`${field} + 1`) });
	if (updated > 0) return;
	try {
		em.create(JoinDmStats, { guildId, sent: field === 'sent' ? 1 : 0, failed: field === 'failed' ? 1 : 0 });
		await em.flush();
	} catch {
		// Another join created the row first: count on it.
		await container.db.em().nativeUpdate(JoinDmStats, { guildId }, { [field]: raw(`${field} + 1`) });
	}
}
