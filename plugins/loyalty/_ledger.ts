import { ensureGuild } from './_guild-row.ts';
import { scheduleResync } from './_resync-schedule.ts';
import { num, type Sql, transaction } from './_sql.ts';
import plugin from './plugin.ts';

export const REASONS = ['invite', 'invite_revoked', 'purchase', 'refund', 'admin', 'spend'] as const;
export type Reason = (typeof REASONS)[number];

export interface NewEntry {
	guildId: string;
	userId: string;
	/** Points added (negative: taken). */
	amount: number;
	reason: Reason;
	/** An admin's user id, or `webhook`, `invites`. */
	actor: string;
	/** What the line is about (join record, order id, adjustment id): one line per reason and reference. */
	reference: string;
	note?: string | null;
}

/** A line written, with the member's points and tier state right after it. */
export interface Applied {
	entryId: number;
	points: number;
	tierThreshold: number | null;
	/** The member's roles or DM are not in line with their tier (the resync task has work). */
	needsSync: boolean;
}

/** An adjustment or spend that would leave the member below zero: refused, nothing written. */
export class InsufficientPoints extends Error {
	constructor(
		readonly points: number,
		readonly amount: number,
	) {
		super(`The member has ${points} points; ${amount} would leave ${points + amount}.`);
	}
}

const same = (a: number | null, b: number | null) => (a ?? -1) === (b ?? -1);

/**
 * Writes one ledger line and moves the balance by its amount, inside the caller's transaction:
 * both or neither. The line's unique (guild, reason, reference) makes a second delivery of the same
 * thing a no-op (resolves null). The balance moves with an atomic `points = points + n` upsert that
 * also recomputes the tier from the guild's tiers, so concurrent lines for one member serialise on its
 * row (PostgreSQL) or on the single writer (SQLite) and the balance always equals the ledger's sum.
 */
export async function applyEntry(
	sql: Sql,
	entry: NewEntry,
	options: { allowNegative?: boolean } = {},
): Promise<Applied | null> {
	const now = plugin.now();
	const { guildId, userId, amount } = entry;
	const inserted = await sql<{ id: unknown }>(
		`insert into loyalty_ledger (guild_id, user_id, amount, reason, actor, reference, note, at_ms)
		 values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (guild_id, reason, reference) do nothing returning id`,
		[guildId, userId, amount, entry.reason, entry.actor, entry.reference, entry.note ?? null, now],
	);
	const first = inserted[0];
	if (!first) return null;
	const [row] = await sql(
		`insert into loyalty_balances (guild_id, user_id, points, tier_threshold, updated_at_ms)
		 values (?, ?, ?, (select max(threshold) from loyalty_tiers where guild_id = ? and threshold <= ?), ?)
		 on conflict (guild_id, user_id) do update set
		   points = loyalty_balances.points + excluded.points,
		   tier_threshold = (select max(t.threshold) from loyalty_tiers t
		     where t.guild_id = excluded.guild_id and t.threshold <= loyalty_balances.points + excluded.points),
		   updated_at_ms = excluded.updated_at_ms
		 returning points, tier_threshold, roles_threshold, dm_threshold`,
		[guildId, userId, amount, guildId, amount, now],
	);
	const points = num(row?.points) ?? 0;
	if (points < 0 && !options.allowNegative) throw new InsufficientPoints(points - amount, amount);
	const tier = num(row?.tier_threshold);
	return {
		entryId: num(first.id) ?? 0,
		points,
		tierThreshold: tier,
		needsSync: !same(tier, num(row?.roles_threshold)) || !same(tier, num(row?.dm_threshold)),
	};
}

/** What recording a line did: nothing (a repeat), or the line and the member's new points. */
export type Recorded = { duplicate: true } | ({ duplicate: false } & Applied);

/** Counts what a committed line did and, when the member's tier moved, asks for their roles to follow. */
export async function afterCommit(guildId: string, amount: number, applied: Applied): Promise<void> {
	if (amount > 0) plugin.counters.add(guildId, 'pointsGiven', amount);
	if (amount < 0) plugin.counters.add(guildId, 'pointsTaken', -amount);
	if (applied.needsSync) await scheduleResync(guildId);
}

/** Records one line in its own transaction (invites, adjustments, spends). */
export async function recordEntry(entry: NewEntry, options: { allowNegative?: boolean } = {}): Promise<Recorded> {
	await ensureGuild(entry.guildId);
	const applied = await transaction((sql) => applyEntry(sql, entry, options));
	if (!applied) return { duplicate: true };
	await afterCommit(entry.guildId, entry.amount, applied);
	return { duplicate: false, ...applied };
}
