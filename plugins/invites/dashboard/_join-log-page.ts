import type { Guild } from 'discord.js';
import plugin from '../plugin.ts';
import { type JoinLogFilter, joinLog } from '../records/index.ts';
import type { PageWords } from './_format.ts';
import { FLAGS, filterQuery, type JoinFilters, parseJoinFilters, SOURCES } from './_join-filters.ts';
import { renderJoinTable } from './_join-table.ts';
import { pagePath, subnav } from './_paths.ts';

/** The records module's filter from the page's. */
export function recordFilter(f: JoinFilters): JoinLogFilter {
	return {
		...(f.source ? { source: f.source } : {}),
		...(f.flag ? { flag: f.flag } : {}),
		...(f.inviterId ? { inviterId: f.inviterId } : {}),
		...(f.fromMs !== null ? { from: f.fromMs } : {}),
		...(f.toMs !== null ? { to: f.toMs } : {}),
	};
}

/**
 * The join log page: filters (source, flag, inviter, dates), 25 joins a page, and the CSV export
 * of the same filters. A refused filter is a 422 with the error beside its field and no table.
 */
export async function renderJoinLogPage(
	guild: Guild,
	query: Record<string, unknown>,
	w: PageWords,
): Promise<{ status: number; body: string }> {
	const parsed = parseJoinFilters(query, w.t);
	const base = pagePath(guild.id);
	const model = {
		locale: w.locale,
		base,
		links: subnav(guild.id, 'joins', w.t),
		sources: SOURCES.map((s) => ({ value: s, label: w.t(`joins.sources.${s}`) })),
		flags: FLAGS.map((f) => ({ value: f, label: w.t(`joins.flags.${f}`) })),
		values: parsed.values,
	};
	if (!parsed.ok)
		return {
			status: 422,
			body: plugin.views.render('joins', { ...model, errors: parsed.errors, table: null, csv: null, total: '' }),
		};
	const { filters, values } = parsed;
	const page = await joinLog(guild.id, recordFilter(filters), filters.page, 25);
	const href = (n: number) => `${base}/joins${filterQuery(values, { page: String(n) })}`;
	const table = renderJoinTable(guild, page, href, w.t('joins.empty'), w);
	return {
		status: 200,
		body: plugin.views.render('joins', {
			...model,
			errors: {},
			table,
			total: w.t(page.total === 1 ? 'joins.totalOne' : 'joins.total', { count: w.n(page.total) }),
			csv: `${base}/joins/export${filterQuery(values)}`,
		}),
	};
}
