import plugin from './plugin.ts';

export interface AutorolesStatsView {
	assigned: number;
	failed: number;
	lastError: string | null;
	lastErrorAt: Date | null;
}

/** Roles given and not given, and the last reason why not (exact: what is still gathering included). */
export async function readStats(guildId: string): Promise<AutorolesStatsView> {
	const [counts, note] = await Promise.all([plugin.counters.read(guildId), plugin.counters.lastNote(guildId)]);
	return {
		assigned: counts.assigned ?? 0,
		failed: counts.failed ?? 0,
		lastError: note?.message ?? null,
		lastErrorAt: note?.at ?? null,
	};
}

/** Counts `n` roles that could not be given; resolves true when the reason is new (to warn once per problem). */
export function countFailure(guildId: string, n: number, reason: string): Promise<boolean> {
	plugin.counters.add(guildId, 'failed', n);
	return plugin.counters.note(guildId, reason);
}
