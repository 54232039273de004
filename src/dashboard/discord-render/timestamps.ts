import { renderLabels } from './labels.ts';

export interface TimeOptions {
	locale: string;
	timeZone: string;
	now: Date;
}

type Style = 't' | 'T' | 'd' | 'D' | 'f' | 'F' | 'R';

const STYLES: Record<Exclude<Style, 'R'>, Intl.DateTimeFormatOptions> = {
	t: { hour: 'numeric', minute: '2-digit' },
	T: { hour: 'numeric', minute: '2-digit', second: '2-digit' },
	d: { year: 'numeric', month: '2-digit', day: '2-digit' },
	D: { year: 'numeric', month: 'long', day: 'numeric' },
	f: { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' },
	F: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' },
};

// Building an Intl formatter costs far more than using one: a page renders many timestamps.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(style: Exclude<Style, 'R'>, o: TimeOptions): Intl.DateTimeFormat {
	const key = `${style}|${o.locale}|${o.timeZone}`;
	let f = formatters.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat(o.locale, { ...STYLES[style], timeZone: o.timeZone });
		if (formatters.size < 200) formatters.set(key, f);
	}
	return f;
}

const relatives = new Map<string, Intl.RelativeTimeFormat>();
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
	['year', 365 * 86_400_000],
	['month', 30 * 86_400_000],
	['day', 86_400_000],
	['hour', 3_600_000],
	['minute', 60_000],
	['second', 1000],
];

function relative(date: Date, o: TimeOptions): string {
	let f = relatives.get(o.locale);
	if (!f) {
		f = new Intl.RelativeTimeFormat(o.locale, { numeric: 'auto' });
		relatives.set(o.locale, f);
	}
	const diff = date.getTime() - o.now.getTime();
	for (const [unit, ms] of UNITS)
		if (Math.abs(diff) >= ms || unit === 'second') return f.format(Math.round(diff / ms), unit);
	return f.format(0, 'second');
}

/** A `<t:unix:style>` timestamp as Discord writes it for the reader; null when the date is out of range. */
export function formatTimestamp(date: Date, style: string | undefined, o: TimeOptions): string | null {
	if (Number.isNaN(date.getTime())) return null;
	const s = (style ?? 'f') as Style;
	if (s === 'R') return relative(date, o);
	return s in STYLES ? formatter(s, o).format(date) : null;
}

/** The time beside the author's name: "Today at 4:20 PM", "Yesterday at …" or the date and time. */
export function messageTime(date: Date, o: TimeOptions): string {
	const day = formatter('d', o);
	const time = formatter('t', o).format(date);
	if (day.format(date) === day.format(o.now)) return renderLabels(o.locale).todayAt(time);
	if (day.format(date) === day.format(new Date(o.now.getTime() - 86_400_000)))
		return renderLabels(o.locale).yesterdayAt(time);
	return `${day.format(date)} ${time}`;
}

/** The full form, for a tooltip. */
export function fullTime(date: Date, o: TimeOptions): string {
	return formatter('F', o).format(date);
}
