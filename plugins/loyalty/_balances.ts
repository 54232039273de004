import type { Reason } from './_ledger.ts';
import { num, sqlOn } from './_sql.ts';
import plugin from './plugin.ts';

export interface Balance {
	userId: string;
	points: number;
	tierThreshold: number | null;
}

export interface HistoryLine {
	id: number;
	userId: string;
	amount: number;
	reason: Reason;
	actor: string;
	reference: string;
	note: string | null;
	at: number;
	/** The member's points right after this line. */
	balanceAfter: number;
}

export interface Page<T> {
	items: T[];
	page: number;
	pages: number;
	total: number;
}

const pageOf = (page: number, total: number, size: number) => {
	const pages = Math.max(1, Math.ceil(total / size));
	return { page: Math.min(Math.max(1, Math.floor(page) || 1), pages), pages };
};

export async function balanceOf(guildId: string, userId: string): Promise<Balance | null> {
	const [row] = await sqlOn(plugin.em())(
		'select points, tier_threshold from loyalty_balances where guild_id = ? and user_id = ?',
		[guildId, userId],
	);
	return row ? { userId, points: num(row.points) ?? 0, tierThreshold: num(row.tier_threshold) } : null;
}

/** Members with points, most first (ties by id), `size` per page. */
export async function leaderboard(guildId: string, page = 1, size = 10): Promise<Page<Balance & { rank: number }>> {
	const sql = sqlOn(plugin.em());
	const [count] = await sql('select count(*) as n from loyalty_balances where guild_id = ? and points > 0', [guildId]);
	const total = num(count?.n) ?? 0;
	const at = pageOf(page, total, size);
	const rows = await sql(
		`select user_id, points, tier_threshold from loyalty_balances where guild_id = ? and points > 0
		 order by points desc, user_id asc limit ? offset ?`,
		[guildId, size, (at.page - 1) * size],
	);
	const items = rows.map((r, i) => ({
		rank: (at.page - 1) * size + i + 1,
		userId: String(r.user_id),
		points: num(r.points) ?? 0,
		tierThreshold: num(r.tier_threshold),
	}));
	return { items, total, ...at };
}

function line(r: Record<string, unknown>): HistoryLine {
	return {
		id: num(r.id) ?? 0,
		userId: String(r.user_id),
		amount: num(r.amount) ?? 0,
		reason: r.reason as Reason,
		actor: String(r.actor),
		reference: String(r.reference),
		note: (r.note as string | null) ?? null,
		at: num(r.at_ms) ?? 0,
		balanceAfter: num(r.balance_after) ?? 0,
	};
}

/** A member's ledger, newest first, with the balance after each line (the running sum of the ledger). */
export async function history(guildId: string, userId: string, page = 1, size = 10): Promise<Page<HistoryLine>> {
	const sql = sqlOn(plugin.em());
	const [count] = await sql('select count(*) as n from loyalty_ledger where guild_id = ? and user_id = ?', [
		guildId,
		userId,
	]);
	const total = num(count?.n) ?? 0;
	const at = pageOf(page, total, size);
	const rows = await sql(
		`select id, user_id, amount, reason, actor, reference, note, at_ms, sum(amount) over (order by id) as balance_after
		 from loyalty_ledger where guild_id = ? and user_id = ? order by id desc limit ? offset ?`,
		[guildId, userId, size, (at.page - 1) * size],
	);
	return { items: rows.map(line), total, ...at };
}

/**
 * The guild's ledger (or one member's) in order, in batches of `batch` lines, with each member's
 * running balance: for the CSV export, without holding the whole ledger in memory.
 */
export async function* ledgerLines(guildId: string, userId: string | null, batch = 1000): AsyncGenerator<HistoryLine> {
	const sql = sqlOn(plugin.em());
	const running = new Map<string, number>();
	let after = 0;
	for (;;) {
		const rows = await sql(
			`select id, user_id, amount, reason, actor, reference, note, at_ms from loyalty_ledger
			 where guild_id = ?${userId ? ' and user_id = ?' : ''} and id > ? order by id limit ?`,
			userId ? [guildId, userId, after, batch] : [guildId, after, batch],
		);
		for (const r of rows) {
			const l = line(r);
			const balance = (running.get(l.userId) ?? 0) + l.amount;
			running.set(l.userId, balance);
			after = l.id;
			yield { ...l, balanceAfter: balance };
		}
		if (rows.length < batch) return;
	}
}

/** Sum of every line and of every balance, for the exactness checks (tests, the benchmark, the page). */
export async function totals(guildId: string): Promise<{ ledger: number; balances: number; lines: number }> {
	const sql = sqlOn(plugin.em());
	const [l] = await sql('select coalesce(sum(amount), 0) as s, count(*) as n from loyalty_ledger where guild_id = ?', [
		guildId,
	]);
	const [b] = await sql('select coalesce(sum(points), 0) as s from loyalty_balances where guild_id = ?', [guildId]);
	return { ledger: num(l?.s) ?? 0, balances: num(b?.s) ?? 0, lines: num(l?.n) ?? 0 };
}
