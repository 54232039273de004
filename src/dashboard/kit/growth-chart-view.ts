import { renderView } from '../http/respond.ts';
import { growthChartModel } from '../overview/growth-chart.ts';
import { OVERVIEW_FORMAT } from '../overview/overview-format.ts';
import { OVERVIEW_LABELS as L } from '../overview/overview-labels.ts';

/** One day of a growth chart: `date` is `YYYY-MM-DD` (UTC). */
export interface GrowthDay {
	date: string;
	joins: number;
	leaves: number;
}

export interface GrowthChartOptions {
	/** What the picture shows, for screen readers (its `<title>`); default: the overview's wording. */
	summary?: string;
	/** The caption of the table of days behind the chart. */
	caption: string;
	/** Labels of the legend and the table's columns (default: Joins, Leaves, Net growth). */
	labels?: { joins?: string; leaves?: string; net?: string };
}

/**
 * The overview's joins/leaves/net growth chart for any series of days, as plugins draw it: an SVG
 * drawn on the server (no JavaScript), its legend, and the same numbers as a table behind it for
 * screen readers. One chart per page (its title has a fixed id). Trusted HTML: every label escaped.
 */
export function renderGrowthChart(days: readonly GrowthDay[], options: GrowthChartOptions): string {
	const chart = growthChartModel(days, OVERVIEW_FORMAT);
	return renderView('partials/growth-chart', {
		chart: options.summary ? { ...chart, summary: options.summary } : chart,
		labels: {
			legendJoins: options.labels?.joins ?? L.legendJoins,
			legendLeaves: options.labels?.leaves ?? L.legendLeaves,
			legendNet: options.labels?.net ?? L.legendNet,
			tableToggle: L.tableToggle,
			tableCaption: options.caption,
			date: L.date,
		},
	});
}
