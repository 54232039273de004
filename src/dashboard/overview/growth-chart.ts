import type { ActivityDay } from '../../core/member-activity/activity-day.ts';

/** What the chart partial draws: numbers only (coordinates in the SVG's viewBox) and escaped-on-output labels. */
export interface GrowthChartModel {
	days: number;
	width: number;
	height: number;
	plot: { left: number; right: number; top: number; bottom: number; zero: number };
	bars: { x: number; y: number; width: number; height: number; kind: 'join' | 'leave'; title: string }[];
	/** The net growth per day, as SVG polyline points. */
	netPoints: string;
	yTicks: { y: number; label: string }[];
	xTicks: { x: number; label: string }[];
	summary: string;
	rows: { date: string; joins: string; leaves: string; net: string }[];
	totals: { joins: number; leaves: number; net: number };
}

const WIDTH = 720;
const HEIGHT = 240;
const PAD = { left: 44, right: 8, top: 10, bottom: 26 };

/** The smallest 1, 2 or 5 times a power of ten at or above n: round axis ends. */
function niceCeil(n: number): number {
	if (n <= 1) return 1;
	const power = 10 ** Math.floor(Math.log10(n));
	for (const step of [1, 2, 5, 10]) if (step * power >= n) return step * power;
	return 10 * power;
}

const round = (n: number) => Math.round(n * 10) / 10;

export interface ChartFormat {
	number(n: number): string;
	signed(n: number): string;
	/** A short date for the axis, e.g. "Nov 28". */
	shortDate(date: string): string;
	/** One day's bar title: "2026-11-28: 3 joined, 1 left, net +2". */
	dayTitle(date: string, joins: string, leaves: string, net: string): string;
	/** The chart's text alternative over `days` days. */
	summary(days: number, joins: string, leaves: string, net: string): string;
}

/**
 * Joins (bars up), leaves (bars down) and net growth (the line) per day, scaled to one symmetric axis,
 * plus the same numbers as table rows for screen readers and readers without the picture. Pure.
 */
export function growthChartModel(
	days: readonly Pick<ActivityDay, 'date' | 'joins' | 'leaves'>[],
	format: ChartFormat,
): GrowthChartModel {
	const n = Math.max(1, days.length);
	const plot = {
		left: PAD.left,
		right: WIDTH - PAD.right,
		top: PAD.top,
		bottom: HEIGHT - PAD.bottom,
		zero: PAD.top + (HEIGHT - PAD.top - PAD.bottom) / 2,
	};
	const half = plot.zero - plot.top;
	const peak = niceCeil(Math.max(1, ...days.map((d) => Math.max(d.joins, d.leaves, Math.abs(d.joins - d.leaves)))));
	const scale = (v: number) => (v / peak) * half;
	const slot = (plot.right - plot.left) / n;
	const barWidth = round(Math.max(1, slot * 0.7));
	const bars: GrowthChartModel['bars'] = [];
	const points: string[] = [];
	const rows: GrowthChartModel['rows'] = [];
	const totals = { joins: 0, leaves: 0, net: 0 };
	days.forEach((d, i) => {
		const x = plot.left + i * slot;
		const net = d.joins - d.leaves;
		const title = format.dayTitle(d.date, format.number(d.joins), format.number(d.leaves), format.signed(net));
		if (d.joins > 0)
			bars.push({
				x: round(x + (slot - barWidth) / 2),
				y: round(plot.zero - scale(d.joins)),
				width: barWidth,
				height: round(scale(d.joins)),
				kind: 'join',
				title,
			});
		if (d.leaves > 0)
			bars.push({
				x: round(x + (slot - barWidth) / 2),
				y: round(plot.zero),
				width: barWidth,
				height: round(scale(d.leaves)),
				kind: 'leave',
				title,
			});
		points.push(`${round(x + slot / 2)},${round(plot.zero - scale(net))}`);
		rows.push({
			date: d.date,
			joins: format.number(d.joins),
			leaves: format.number(d.leaves),
			net: format.signed(net),
		});
		totals.joins += d.joins;
		totals.leaves += d.leaves;
	});
	totals.net = totals.joins - totals.leaves;
	const every = n <= 31 ? 7 : 14;
	const xTicks: GrowthChartModel['xTicks'] = [];
	for (let i = n - 1; i >= 0; i -= every)
		xTicks.unshift({ x: round(plot.left + i * slot + slot / 2), label: format.shortDate(days[i]?.date ?? '') });
	return {
		days: days.length,
		width: WIDTH,
		height: HEIGHT,
		plot,
		bars,
		netPoints: points.join(' '),
		yTicks: [
			{ y: plot.top, label: format.signed(peak) },
			{ y: round(plot.zero), label: '0' },
			{ y: plot.bottom, label: format.signed(-peak) },
		],
		xTicks,
		summary: format.summary(
			days.length,
			format.number(totals.joins),
			format.number(totals.leaves),
			format.signed(totals.net),
		),
		rows: rows.reverse(),
		totals,
	};
}
