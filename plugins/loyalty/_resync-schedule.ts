import plugin from './plugin.ts';

/** How long a scheduled resync is trusted to still be pending (it may run in another process, or be lost). */
const TRUST_MS = 5_000;
// Guilds with a resync scheduled and not started yet (as far as this process knows), since when.
const pending = new Map<string, number>();

/**
 * Asks for the guild's members to be brought in line with their tiers. A burst of tier changes (a
 * shop's sale) costs one job, which handles every member that differs when it starts: while one is
 * known to be pending, asking again costs nothing. No job key: a keyed job cannot be replaced while
 * it runs on BullMQ, and two passes at once are harmless (each member's sync is serialised and
 * compare-and-set).
 */
export async function scheduleResync(guildId: string): Promise<void> {
	const since = pending.get(guildId);
	if (since !== undefined && plugin.now() - since < TRUST_MS) return;
	pending.set(guildId, plugin.now());
	try {
		await plugin.schedule('resync', { guildId });
	} catch (error) {
		pending.delete(guildId);
		throw error;
	}
}

/** The resync job started: changes from now on need a new one. */
export function resyncStarted(guildId: string): void {
	pending.delete(guildId);
}
