import { container } from '@sapphire/framework';
import type { Guild } from 'discord.js';
import { dayOf } from '../../core/member-activity/activity-day.ts';
import { renderView } from '../http/respond.ts';
import { growthChartModel } from './growth-chart.ts';
import { OVERVIEW_FORMAT } from './overview-format.ts';
import { OVERVIEW_LABELS as L } from './overview-labels.ts';

export const PERIODS = [30, 90] as const;
export type Period = (typeof PERIODS)[number];

export interface GrowthSection {
	html: string;
	totals: { joins: number; leaves: number; net: number };
}

// The last drawing per guild and period, kept until the guild's joins or leaves change or the day
// turns: most overview views redraw nothing and read nothing.
const drawn = new Map<string, { stamp: string; section: GrowthSection }>();
const MAX_DRAWN = 2_000;

/** The growth chart (SVG), its legend and its table of days, for the last `days` days. */
export async function growthSection(guild: Guild, days: Period): Promise<GrowthSection> {
	const activity = container.memberActivity;
	const key = `${guild.id}:${days}`;
	const stamp = `${activity.version(guild.id)}:${dayOf(container.clock.now())}`;
	const hit = drawn.get(key);
	if (hit?.stamp === stamp) return hit.section;
	const chart = growthChartModel(await activity.daily(guild.id, days), OVERVIEW_FORMAT);
	const html = renderView('partials/growth-chart', {
		chart,
		labels: {
			legendJoins: L.legendJoins,
			legendLeaves: L.legendLeaves,
			legendNet: L.legendNet,
			tableToggle: L.tableToggle,
			tableCaption: L.tableCaption(days),
			date: L.date,
		},
	});
	const section = { html, totals: chart.totals };
	if (drawn.size >= MAX_DRAWN && !drawn.has(key)) drawn.delete(drawn.keys().next().value as string);
	drawn.set(key, { stamp, section });
	return section;
}
