import type { Guild } from 'discord.js';
import type { OverviewFigure } from 'foyer';
import { readStats } from './_stats.ts';

/** The auto roles plugin's card on the server overview. */
export async function autorolesOverview(guild: Guild): Promise<OverviewFigure[]> {
	const stats = await readStats(guild.id);
	return [
		{ label: 'Roles given', value: stats.assigned },
		{ label: 'Roles not given', value: stats.failed, warn: true },
	];
}
