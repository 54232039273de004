import { container } from '@sapphire/framework';
import type { Guild } from 'discord.js';
import type { OverviewFigure } from 'foyer';

/** The leave plugin's card on the server overview. */
export async function leaveOverview(guild: Guild): Promise<OverviewFigure[]> {
	const counts = await container.counters.read('leave', guild.id);
	return [{ label: 'Goodbyes said', value: counts.goodbyes ?? 0 }];
}
