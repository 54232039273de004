import type { ChartFormat } from './growth-chart.ts';

const NUMBER = new Intl.NumberFormat('en-US');
const SIGNED = new Intl.NumberFormat('en-US', { signDisplay: 'exceptZero' });
const SHORT_DATE = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** How the overview writes numbers and dates (one place, for when the server's language decides). */
export const OVERVIEW_FORMAT: ChartFormat = {
	number: (n) => NUMBER.format(n),
	signed: (n) => SIGNED.format(n),
	shortDate: (date) => (date ? SHORT_DATE.format(new Date(`${date}T00:00:00Z`)) : ''),
};
