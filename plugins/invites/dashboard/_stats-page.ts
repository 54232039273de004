import type { Guild } from 'discord.js';
import { renderGrowthChart } from 'foyer';
import plugin from '../plugin.ts';
import { countsOf, inviteStats } from '../records/index.ts';
import type { PageWords } from './_format.ts';
import { nameOf } from './_names.ts';
import { pagePath, subnav } from './_paths.ts';
import { parseRange } from './_range.ts';

/**
 * The statistics page (seed 004 InviteStatsResponse for a date range: top inviters, total invites,
 * total leaves, net growth) with the overview's chart of joins, leaves and net growth per day.
 * Resolves the status (422 when the range is refused: the errors beside their fields, no figures).
 */
export async function renderStatsPage(
	guild: Guild,
	query: Record<string, unknown>,
	w: PageWords,
): Promise<{ status: number; body: string }> {
	const parsed = parseRange(query, plugin.now(), w.t);
	const base = {
		locale: w.locale,
		base: pagePath(guild.id),
		links: subnav(guild.id, 'stats', w.t),
		values: parsed.values,
	};
	if (!parsed.ok)
		return {
			status: 422,
			body: plugin.views.render('stats', { ...base, errors: parsed.errors, stats: null, range: null }),
		};
	const { range } = parsed;
	const stats = await inviteStats(guild.id, { from: range.fromMs, to: range.toMs }, { top: 10 });
	const top = await Promise.all(
		stats.topInviters.map(async (t) => ({
			inviterId: t.inviterId,
			name: nameOf(guild, t.inviterId, w.t),
			invites: w.n(t.counted),
			left: w.n(t.left),
			fake: w.n(t.fake),
			net: w.n(t.net),
			effective: w.n((await countsOf(guild.id, t.inviterId)).effective),
		})),
	);
	// Days stay YYYY-MM-DD in every language: the form the date fields above take and show.
	const days = { from: range.from, to: range.to };
	const chart = renderGrowthChart(
		stats.series.map((d) => ({ date: d.date, joins: d.joins, leaves: d.leaves })),
		{
			locale: w.locale,
			summary: w.t('stats.chartSummary', {
				...days,
				joins: w.n(stats.totalJoins),
				leaves: w.n(stats.totalLeaves),
				net: w.n(stats.netGrowth),
			}),
			caption: w.t('stats.chartCaption', days),
		},
	);
	return {
		status: 200,
		body: plugin.views.render('stats', {
			...base,
			values: { from: range.from, to: range.to },
			errors: {},
			range,
			days,
			chart,
			stats: {
				joins: w.n(stats.totalJoins),
				invites: w.n(stats.totalInvites),
				flagged: w.n(stats.flagged),
				leaves: w.n(stats.totalLeaves),
				net: w.n(stats.netGrowth),
				top,
				topCount: w.n(top.length),
			},
		}),
	};
}
