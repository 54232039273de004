import type { Translate } from 'foyer';
import type { JoinSource } from '../api.ts';
import { parseDay } from './_range.ts';

/** The join log's filters, as a query string carries them. Pure. */
export const SOURCES: readonly JoinSource[] = ['invite', 'vanity', 'unknown', 'ambiguous', 'offline'];
/** `any`: flagged by any rule; otherwise one rule. */
export const FLAGS = [
	'any',
	'self-invite',
	'new-account',
	'no-avatar',
	'rejoin',
	'inviter-burst',
	'blacklisted-member',
	'blacklisted-inviter',
] as const;
export type FlagFilter = (typeof FLAGS)[number];

export interface JoinFilters {
	source: JoinSource | null;
	flag: FlagFilter | null;
	inviterId: string | null;
	/** [fromMs, toMs) on the join time; null = open. */
	fromMs: number | null;
	toMs: number | null;
	page: number;
}

export type FilterField = 'source' | 'flag' | 'inviter' | 'from' | 'to' | 'page';
export type FilterValues = Record<FilterField, string>;
export type FiltersResult =
	| { ok: true; filters: JoinFilters; values: FilterValues }
	| { ok: false; errors: Partial<Record<FilterField, string>>; values: FilterValues };

const DAY = 86_400_000;

/** A user id as an admin may paste it: `123…`, `<@123…>` or `<@!123…>`. Null when it is none. */
export function userIdOf(text: string): string | null {
	const id = text.trim().replace(/^<@!?(\d+)>$/, '$1');
	return /^\d{17,20}$/.test(id) ? id : null;
}

/** The filters of a query, each problem worded by `t` against its field. */
export function parseJoinFilters(query: Record<string, unknown>, t: Translate): FiltersResult {
	const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
	const values: FilterValues = {
		source: text(query.source),
		flag: text(query.flag),
		inviter: text(query.inviter),
		from: text(query.from),
		to: text(query.to),
		page: text(query.page),
	};
	const errors: Partial<Record<FilterField, string>> = {};
	if (values.source && !SOURCES.includes(values.source as JoinSource))
		errors.source = t('joins.sourceError', { sources: SOURCES.join(', ') });
	if (values.flag && !FLAGS.includes(values.flag as FlagFilter)) errors.flag = t('joins.flagError');
	const inviterId = values.inviter ? userIdOf(values.inviter) : null;
	if (values.inviter && !inviterId) errors.inviter = t('joins.inviterError');
	const from = values.from ? parseDay(values.from) : null;
	if (values.from && from === null) errors.from = t('joins.fromError');
	const to = values.to ? parseDay(values.to) : null;
	if (values.to && to === null) errors.to = t('joins.toError');
	if (from !== null && to !== null && from > to) errors.from = t('range.order');
	const page = values.page ? Number(values.page) : 1;
	if (!Number.isInteger(page) || page < 1 || page > 100_000) errors.page = t('joins.pageError');
	if (Object.keys(errors).length) return { ok: false, errors, values };
	return {
		ok: true,
		values,
		filters: {
			source: (values.source || null) as JoinSource | null,
			flag: (values.flag || null) as FlagFilter | null,
			inviterId,
			fromMs: from,
			toMs: to === null ? null : to + DAY,
			page,
		},
	};
}

/** The query string of a set of filters (empty ones left out), for links and the CSV export. */
export function filterQuery(values: Partial<FilterValues>, extra: Record<string, string> = {}): string {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries({ ...values, ...extra })) if (v && k !== 'page') q.set(k, v);
	if (extra.page && extra.page !== '1') q.set('page', extra.page);
	const s = q.toString();
	return s ? `?${s}` : '';
}
