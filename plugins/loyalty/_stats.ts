import plugin from './plugin.ts';

/** The figures of the loyalty page, from the plugin's counters (exact: what is still gathering included). */
export async function figures(guildId: string) {
	const c = await plugin.counters.read(guildId);
	const n = (k: string) => c[k] ?? 0;
	return [
		{ label: 'Points given', value: n('pointsGiven') },
		{ label: 'Points taken back', value: n('pointsTaken') },
		{ label: 'Purchases', value: n('purchases') },
		{ label: 'Refunds', value: n('refunds') },
		{ label: 'Retried deliveries (counted once)', value: n('deliveriesRepeated') },
		{ label: 'Deliveries refused', value: n('deliveriesRefused') },
		{ label: 'Order conflicts', value: n('deliveriesConflicting') },
		{ label: 'Tier roles given', value: n('rolesGiven') },
		{ label: 'Tier roles removed', value: n('rolesRemoved') },
		{ label: 'Tier roles not changed', value: n('rolesFailed') },
		{ label: 'Congratulations sent', value: n('dmsSent') },
		{ label: 'Closed DMs', value: n('dmsClosed') },
	];
}

/** The last problem (a refused delivery, a role Foyer could not give), for the top of the page. */
export async function lastProblem(guildId: string): Promise<string[]> {
	const note = await plugin.counters.lastNote(guildId);
	if (!note) return [];
	return [`${note.message} (${note.at.toISOString().slice(0, 16).replace('T', ' ')} UTC)`];
}
