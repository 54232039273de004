import { container } from '@sapphire/framework';
import type { Guild } from 'discord.js';
import type { OverviewFigure } from 'foyer';
import { JoinDmStats } from './entities/join-dm-stats.ts';

/** The join DM plugin's card on the server overview: DMs that arrived, and members whose DMs are closed. */
export async function joinDmOverview(guild: Guild): Promise<OverviewFigure[]> {
	const stats = await container.db.em().findOne(JoinDmStats, { guildId: guild.id });
	return [
		{ label: 'DMs sent', value: stats?.sent ?? 0 },
		{ label: 'DMs failed', value: stats?.failed ?? 0, warn: true },
	];
}
