import { container } from '@sapphire/framework';
import type { Guild } from 'discord.js';
import type { OverviewFigure } from 'foyer';

/** The join plugin's card on the server overview. */
export async function joinOverview(guild: Guild): Promise<OverviewFigure[]> {
	const counts = await container.counters.read('join', guild.id);
	return [{ label: 'Members welcomed', value: counts.welcomed ?? 0 }];
}
