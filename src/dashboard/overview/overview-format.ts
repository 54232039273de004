import { dashboardTexts } from '../http/page-locale.ts';
import type { ChartFormat } from './growth-chart.ts';

const formats = new Map<string, ChartFormat>();

/**
 * How the overview writes numbers, dates and its sentences in one language (Intl formatters are
 * costly to build: one set per locale, kept).
 */
export function overviewFormat(locale: string): ChartFormat {
	const hit = formats.get(locale);
	if (hit) return hit;
	const number = new Intl.NumberFormat(locale);
	const signed = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero' });
	const shortDate = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
	const t = dashboardTexts(locale);
	const format: ChartFormat = {
		number: (n) => number.format(n),
		signed: (n) => signed.format(n),
		shortDate: (date) => (date ? shortDate.format(new Date(`${date}T00:00:00Z`)) : ''),
		dayTitle: (date, joins, leaves, net) => t('overview.dayTitle', { date, joins, leaves, net }),
		summary: (days, joins, leaves, net) => t('overview.chartSummary', { days, joins, leaves, net }),
	};
	formats.set(locale, format);
	return format;
}
