import { renderView } from '../http/respond.ts';
import { growthChartModel } from '../overview/growth-chart.ts';
import { overviewFormat } from '../overview/overview-format.ts';

/** One day of a growth chart: `date` is `YYYY-MM-DD` (UTC). */
export interface GrowthDay {
	date: string;
	joins: number;
	leaves: number;
}

export interface GrowthChartOptions {
	/** The page's language (numbers, dates and the default wording); default `en-US`. */
	locale?: string;
	/** What the picture shows, for screen readers (its `<title>`); default: the overview's wording. */
	summary?: string;
	/** The caption of the table of days behind the chart; default: the overview's. */
	caption?: string;
	/** Labels of the legend and the table's columns (default: Joins, Leaves, Net growth in the page's language). */
	labels?: { joins?: string; leaves?: string; net?: string };
}

/**
 * The overview's joins/leaves/net growth chart for any series of days, as plugins draw it: an SVG
 * drawn on the server (no JavaScript), its legend, and the same numbers as a table behind it for
 * screen readers. One chart per page (its title has a fixed id). Trusted HTML: every label escaped.
 */
export function renderGrowthChart(days: readonly GrowthDay[], options: GrowthChartOptions = {}): string {
	const locale = options.locale ?? 'en-US';
	const chart = growthChartModel(days, overviewFormat(locale));
	return renderView('partials/growth-chart', {
		locale,
		days: days.length,
		chart: options.summary ? { ...chart, summary: options.summary } : chart,
		labels: { ...options.labels, caption: options.caption },
	});
}
