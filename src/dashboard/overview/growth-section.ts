import { container } from '@sapphire/framework';
import type { Guild } from 'discord.js';
import { renderView } from '../http/respond.ts';
import { growthChartModel } from './growth-chart.ts';
import { overviewFormat } from './overview-format.ts';

export const PERIODS = [30, 90] as const;
export type Period = (typeof PERIODS)[number];

export interface GrowthSection {
	/** Changes whenever the drawing would: the guild's activity version, the day and the period. */
	stamp: string;
	html: string;
	totals: { joins: number; leaves: number; net: number };
}

// The last drawing per guild and period, kept until the guild's joins or leaves change or the
// minute turns: most overview views redraw nothing and read nothing.
const drawn = new Map<string, { stamp: string; section: GrowthSection }>();
const MAX_DRAWN = 2_000;

/** The growth chart (SVG), its legend and its table of days, for the last `days` days. */
export async function growthSection(guild: Guild, days: Period, locale: string): Promise<GrowthSection> {
	const activity = container.memberActivity;
	const key = `${guild.id}:${days}:${locale}`;
	// Redrawn when this process counted a join or leave there, and at least once a minute (another
	// process sharing the database may have counted some; and the day turns).
	const stamp = `${activity.version(guild.id)}:${Math.floor(container.clock.now() / 60_000)}`;
	const hit = drawn.get(key);
	if (hit?.stamp === stamp) return hit.section;
	const chart = growthChartModel(await activity.daily(guild.id, days), overviewFormat(locale));
	const html = renderView('partials/growth-chart', { locale, chart, days });
	const section = { stamp: `${days}:${locale}:${stamp}`, html, totals: chart.totals };
	if (drawn.size >= MAX_DRAWN && !drawn.has(key)) drawn.delete(drawn.keys().next().value as string);
	drawn.set(key, { stamp, section });
	return section;
}
