import type { Guild } from 'discord.js';
import type { OverviewFigure } from 'foyer';
import plugin from './plugin.ts';

/** The join plugin's card on the server overview. */
export async function joinOverview(guild: Guild): Promise<OverviewFigure[]> {
	const counts = await plugin.counters.read(guild.id);
	return [{ label: plugin.t('page.welcomed', { guild: guild.id }), value: counts.welcomed ?? 0 }];
}
