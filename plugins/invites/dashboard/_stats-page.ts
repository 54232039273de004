import type { Guild } from 'discord.js';
import { renderGrowthChart } from 'foyer';
import plugin from '../plugin.ts';
import { countsOf, inviteStats } from '../records/index.ts';
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
): Promise<{ status: number; body: string }> {
	const parsed = parseRange(query, plugin.now());
	const base = { base: pagePath(guild.id), links: subnav(guild.id, 'stats'), values: parsed.values };
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
			name: nameOf(guild, t.inviterId),
			invites: t.counted,
			left: t.left,
			fake: t.fake,
			net: t.net,
			effective: (await countsOf(guild.id, t.inviterId)).effective,
		})),
	);
	const chart = renderGrowthChart(
		stats.series.map((d) => ({ date: d.date, joins: d.joins, leaves: d.leaves })),
		{
			summary: `Joins and leaves per day from ${range.from} to ${range.to}: ${stats.totalJoins} joined, ${stats.totalLeaves} left, net ${stats.netGrowth}.`,
			caption: `Joins, leaves and net growth per day, ${range.from} to ${range.to} (UTC)`,
		},
	);
	return {
		status: 200,
		body: plugin.views.render('stats', {
			...base,
			values: { from: range.from, to: range.to },
			errors: {},
			range,
			chart,
			stats: {
				joins: stats.totalJoins,
				invites: stats.totalInvites,
				flagged: stats.flagged,
				leaves: stats.totalLeaves,
				net: stats.netGrowth,
				top,
			},
		}),
	};
}
