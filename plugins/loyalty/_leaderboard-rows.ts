import type { Guild } from 'discord.js';
import { leaderboard } from './_balances.ts';
import { nameOf } from './_names.ts';
import { listTiers } from './_tiers.ts';

/** A page of the leaderboard with names and tier names, for the dashboard and the command. */
export async function leaderboardRows(guild: Guild, page: number, size: number) {
	const board = await leaderboard(guild.id, page, size);
	const tiers = await listTiers(guild.id);
	return {
		...board,
		items: board.items.map((b) => ({
			...b,
			name: nameOf(guild, b.userId),
			tier: tiers.find((t) => t.threshold === b.tierThreshold)?.name ?? null,
		})),
	};
}
