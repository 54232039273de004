/** The overview's own words, in one place for the language catalogs. */
export const OVERVIEW_LABELS = {
	membersNow: 'Members',
	joined: (days: number) => `Joined (${days} days)`,
	left: (days: number) => `Left (${days} days)`,
	net: (days: number) => `Net growth (${days} days)`,
	growth: 'Growth',
	period: (days: number) => `${days} days`,
	periodNav: 'Period',
	chartSummary: (days: number, joins: string, leaves: string, net: string) =>
		`Joins and leaves per day over the last ${days} days: ${joins} joined, ${leaves} left, net ${net}.`,
	legendJoins: 'Joins',
	legendLeaves: 'Leaves',
	legendNet: 'Net growth',
	tableToggle: 'Numbers per day',
	tableCaption: (days: number) => `Joins, leaves and net growth per day, last ${days} days (UTC)`,
	date: 'Date',
	dayTitle: (date: string, joins: string, leaves: string, net: string) =>
		`${date}: ${joins} joined, ${leaves} left, net ${net}`,
	plugins: 'Plugins at a glance',
	off: 'Off here',
	figuresUnavailable: 'Figures unavailable right now.',
	open: 'Open',
};
