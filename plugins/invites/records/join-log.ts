import { JOIN_COLUMNS, type JoinRecord, joinRecordOf, type StoredSource } from './join-record.ts';
import { num, type Sql, sqlOn } from './sql.ts';

/** Filters of the join log (all optional; times in ms, `to` exclusive). */
export interface JoinLogFilter {
	source?: StoredSource;
	/** A fraud rule (self-invite, new-account...): joins it flagged. `any`: every flagged join. */
	flag?: string;
	inviterId?: string;
	memberId?: string;
	from?: number;
	to?: number;
}

export interface Page<T> {
	items: T[];
	page: number;
	perPage: number;
	total: number;
	pages: number;
}

function where(guildId: string, f: JoinLogFilter): { clause: string; params: unknown[] } {
	const parts = ['guild_id = ?'];
	const params: unknown[] = [guildId];
	if (f.source) {
		parts.push('source = ?');
		params.push(f.source);
	}
	if (f.flag === 'any') parts.push('flag is not null');
	else if (f.flag) {
		// The first flag is in its own column; later ones only in the json: match both.
		parts.push('(flag = ? or cast(flags as text) like ?)');
		params.push(f.flag, `%"${f.flag.replace(/[^a-z-]/g, '')}"%`);
	}
	if (f.inviterId) {
		parts.push('inviter_id = ?');
		params.push(f.inviterId);
	}
	if (f.memberId) {
		parts.push('member_id = ?');
		params.push(f.memberId);
	}
	if (f.from !== undefined) {
		parts.push('joined_at_ms >= ?');
		params.push(f.from);
	}
	if (f.to !== undefined) {
		parts.push('joined_at_ms < ?');
		params.push(f.to);
	}
	return { clause: parts.join(' and '), params };
}

/** The join log, newest first, one page (pages from 1; perPage 1-200). */
export async function joinLog(
	guildId: string,
	filter: JoinLogFilter = {},
	page = 1,
	perPage = 25,
	sql: Sql = sqlOn(),
): Promise<Page<JoinRecord>> {
	const size = Math.min(200, Math.max(1, Math.floor(perPage)));
	const { clause, params } = where(guildId, filter);
	const [count] = await sql(`select count(*) as n from invite_joins where ${clause}`, params);
	const total = num(count?.n);
	const pages = Math.max(1, Math.ceil(total / size));
	const current = Math.min(pages, Math.max(1, Math.floor(page)));
	const rows = await sql(
		`select ${JOIN_COLUMNS} from invite_joins where ${clause} order by joined_at_ms desc, id desc limit ? offset ?`,
		[...params, size, (current - 1) * size],
	);
	return { items: rows.map(joinRecordOf), page: current, perPage: size, total, pages };
}

/** Every join matching the filter, oldest first, in batches (the CSV export streams it). */
export async function* joinLogAll(
	guildId: string,
	filter: JoinLogFilter = {},
	batch = 500,
): AsyncGenerator<JoinRecord> {
	const { clause, params } = where(guildId, filter);
	let after = 0;
	for (;;) {
		const rows = await sqlOn()(
			`select ${JOIN_COLUMNS} from invite_joins where ${clause} and id > ? order by id limit ?`,
			[...params, after, batch],
		);
		for (const r of rows) yield joinRecordOf(r);
		if (rows.length < batch) return;
		after = num(rows.at(-1)?.id);
	}
}

/** The suspicious list (seed 004 `suspicious_invites`): flagged joins, newest first, with their evidence. */
export function suspiciousJoins(guildId: string, page = 1, perPage = 25, filter: Omit<JoinLogFilter, 'flag'> = {}) {
	return joinLog(guildId, { ...filter, flag: 'any' }, page, perPage);
}
