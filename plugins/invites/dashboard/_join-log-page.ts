import type { Guild } from 'discord.js';
import plugin from '../plugin.ts';
import { type JoinLogFilter, joinLog } from '../records/index.ts';
import { FLAGS, filterQuery, type JoinFilters, parseJoinFilters, SOURCES } from './_join-filters.ts';
import { renderJoinTable } from './_join-table.ts';
import { pagePath, subnav } from './_paths.ts';

const FLAG_LABELS: Record<string, string> = { any: 'any flag' };

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
): Promise<{ status: number; body: string }> {
	const parsed = parseJoinFilters(query);
	const base = pagePath(guild.id);
	const model = {
		base,
		links: subnav(guild.id, 'joins'),
		sources: SOURCES,
		flags: FLAGS.map((f) => ({ value: f, label: FLAG_LABELS[f] ?? f })),
		values: parsed.values,
	};
	if (!parsed.ok)
		return {
			status: 422,
			body: plugin.views.render('joins', { ...model, errors: parsed.errors, table: null, csv: null, total: 0 }),
		};
	const { filters, values } = parsed;
	const page = await joinLog(guild.id, recordFilter(filters), filters.page, 25);
	const href = (n: number) => `${base}/joins${filterQuery(values, { page: String(n) })}`;
	const table = renderJoinTable(guild, page, href, 'No join matches these filters.');
	return {
		status: 200,
		body: plugin.views.render('joins', {
			...model,
			errors: {},
			table,
			total: page.total,
			csv: `${base}/joins/export${filterQuery(values)}`,
		}),
	};
}
