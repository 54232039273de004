import type { Translate } from 'foyer';

/** A date range of whole UTC days, as the statistics and join log filters take it. Pure. */
export interface DayRange {
	/** `YYYY-MM-DD`, both inclusive. */
	from: string;
	to: string;
	/** [fromMs, toMs): milliseconds since the epoch. */
	fromMs: number;
	toMs: number;
	/** Every day of the range, oldest first. */
	days: string[];
}

export type RangeField = 'from' | 'to';
export type RangeResult =
	| { ok: true; range: DayRange; values: Record<RangeField, string> }
	| { ok: false; errors: Partial<Record<RangeField, string>>; values: Record<RangeField, string> };

const DAY = 86_400_000;
/** A year and a day: longer ranges make a chart of unreadable slivers (and a heavy query). */
export const MAX_RANGE_DAYS = 366;
export const DEFAULT_RANGE_DAYS = 30;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `YYYY-MM-DD` that is a real date, as its UTC midnight; null otherwise (2026-02-30 is refused). */
export function parseDay(text: string): number | null {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
	const ms = Date.parse(`${text}T00:00:00Z`);
	return Number.isFinite(ms) && isoDay(ms) === text ? ms : null;
}

export function rangeOf(fromMs: number, toDayMs: number): DayRange {
	const days: string[] = [];
	for (let t = fromMs; t <= toDayMs; t += DAY) days.push(isoDay(t));
	return { from: isoDay(fromMs), to: isoDay(toDayMs), fromMs, toMs: toDayMs + DAY, days };
}

/**
 * The range in a query (`from`, `to`; either may be empty): by default the last 30 days up to
 * today. Every problem is reported against its field, in words an admin can act on (by `t`).
 */
export function parseRange(
	query: { from?: unknown; to?: unknown },
	now: number,
	t: Translate,
	options: { optional?: boolean } = {},
): RangeResult {
	const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
	const values = { from: text(query.from), to: text(query.to) };
	const errors: Partial<Record<RangeField, string>> = {};
	const today = Math.floor(now / DAY) * DAY;
	const to = values.to === '' ? today : parseDay(values.to);
	if (to === null) errors.to = t('range.toFormat');
	const from =
		values.from === ''
			? options.optional
				? 0
				: (to ?? today) - (DEFAULT_RANGE_DAYS - 1) * DAY
			: parseDay(values.from);
	if (from === null) errors.from = t('range.fromFormat');
	if (from !== null && to !== null) {
		if (from > to) errors.from = t('range.order');
		else if (!(options.optional && values.from === '') && (to - from) / DAY + 1 > MAX_RANGE_DAYS)
			errors.from = t('range.tooLong', { max: MAX_RANGE_DAYS });
	}
	if (Object.keys(errors).length || from === null || to === null) return { ok: false, errors, values };
	return { ok: true, range: rangeOf(from, to), values };
}
