import type { Guild } from 'discord.js';
import type { OverviewFigure } from 'foyer';
import { countWaiting } from './gate/_waiting.ts';
import plugin from './plugin.ts';

/** The verification plugin's card on the server overview. */
export async function verificationOverview(guild: Guild): Promise<OverviewFigure[]> {
	const [counts, waiting] = await Promise.all([plugin.counters.read(guild.id), countWaiting(guild.id)]);
	const t = plugin.translator({ guild: guild.id });
	return [
		{ label: t('page.verified'), value: counts.verified ?? 0 },
		{ label: t('page.waiting'), value: waiting },
		{ label: t('page.removed'), value: counts.kicked ?? 0, warn: true },
	];
}
