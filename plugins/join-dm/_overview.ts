import type { Guild } from 'discord.js';
import type { OverviewFigure } from 'foyer';
import plugin from './plugin.ts';

/** The join DM plugin's card on the server overview: DMs that arrived, and members whose DMs are closed. */
export async function joinDmOverview(guild: Guild): Promise<OverviewFigure[]> {
	const counts = await plugin.counters.read(guild.id);
	const t = plugin.translator({ guild: guild.id });
	return [
		{ label: t('page.sent'), value: counts.sent ?? 0 },
		{ label: t('page.failed'), value: counts.failed ?? 0, warn: true },
	];
}
