import plugin from './plugin.ts';

const FIGURES = [
	'pointsGiven',
	'pointsTaken',
	'purchases',
	'refunds',
	'deliveriesRepeated',
	'deliveriesRefused',
	'deliveriesConflicting',
	'rolesGiven',
	'rolesRemoved',
	'rolesFailed',
	'dmsSent',
	'dmsClosed',
] as const;

/** The figures of the loyalty page, from the plugin's counters (exact: what is still gathering included), in `locale`. */
export async function figures(guildId: string, locale: string) {
	const c = await plugin.counters.read(guildId);
	return FIGURES.map((k) => ({
		label: plugin.t(`figures.${k}`, { locale }),
		value: (c[k] ?? 0).toLocaleString(locale),
	}));
}

/** The last problem (a refused delivery, a role Foyer could not give), for the top of the page. */
export async function lastProblem(guildId: string): Promise<string[]> {
	const note = await plugin.counters.lastNote(guildId);
	if (!note) return [];
	return [`${note.message} (${note.at.toISOString().slice(0, 16).replace('T', ' ')} UTC)`];
}
