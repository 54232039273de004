import type { Guild } from 'discord.js';
import type { OverviewFigure } from 'foyer';
import plugin from './plugin.ts';

/** The leave plugin's card on the server overview. */
export async function leaveOverview(guild: Guild): Promise<OverviewFigure[]> {
	const counts = await plugin.counters.read(guild.id);
	return [{ label: plugin.t('page.goodbyes', { guild: guild.id }), value: counts.goodbyes ?? 0 }];
}
