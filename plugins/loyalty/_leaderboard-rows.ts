import type { Guild } from 'discord.js';
import { leaderboard } from './_balances.ts';
import { nameOf } from './_names.ts';
import { listTiers } from './_tiers.ts';
import plugin from './plugin.ts';

/** A page of the leaderboard with names and tier names, for the dashboard and the command. */
export async function leaderboardRows(guild: Guild, page: number, size: number) {
	const board = await leaderboard(guild.id, page, size);
	const tiers = await listTiers(guild.id);
	// Names of unknown members are worded for the server's pages (the command mentions members instead).
	const t = plugin.translator({ guild: guild.id });
	return {
		...board,
		items: board.items.map((b) => ({
			...b,
			name: nameOf(guild, b.userId, t),
			tier: tiers.find((tier) => tier.threshold === b.tierThreshold)?.name ?? null,
		})),
	};
}
