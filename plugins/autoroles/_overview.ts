import type { Guild } from 'discord.js';
import type { OverviewFigure } from 'foyer';
import { readStats } from './_stats.ts';
import plugin from './plugin.ts';

/** The auto roles plugin's card on the server overview. */
export async function autorolesOverview(guild: Guild): Promise<OverviewFigure[]> {
	const stats = await readStats(guild.id);
	const t = plugin.translator({ guild: guild.id });
	return [
		{ label: t('page.given'), value: stats.assigned },
		{ label: t('page.notGiven'), value: stats.failed, warn: true },
	];
}
