import type { Logger } from 'pino';
import type { Database } from '../database/database.ts';
import { isDatabaseUnavailable } from '../database/database-unavailable.ts';
import { type ActivityDay, dayOf, isoDay } from './activity-day.ts';
import { MemberActivityDay } from './member-activity-entity.ts';
import { MemberActivityEvent } from './member-activity-event.ts';

/** How long an event waits for others to share its write: a raid's thousand joins cost a few upserts. */
const GATHER_MS = 100;
/** Wait before writing again while the database is unavailable. */
const RETRY_MS = 1_000;
/** Days kept; older rows are deleted (one guild costs at most this many small rows). */
export const RETENTION_DAYS = 400;
/** Members remembered as "in" so that a repeated GUILD_MEMBER_ADD (Discord may resend it) counts once. */
const REMEMBERED_MEMBERS = 50_000;
/** How long a counted event's key is kept: as long as the event ledger keeps handled keys. */
const EVENT_KEYS_KEPT_MS = 14 * 24 * 3600_000;

interface Counts {
	joins: number;
	leaves: number;
}

export interface MemberActivityOptions {
	retentionDays?: number;
	now?: () => number;
}

/**
 * Joins and leaves per guild per UTC day, for the overview's growth chart (`container.memberActivity`).
 * Events are added up in memory for GATHER_MS and written as one atomic upsert per guild and day
 * (`joins = joins + n`), so concurrent processes never lose a count; rows older than the retention
 * are deleted once a day. An event with a dedupe key is written with its key, in the same
 * transaction: delivered again after a `kill -9` (it was not recorded as handled: the ledger waits
 * for `written()` first), it is not counted twice. Without a database the days live in memory.
 */
export class MemberActivity {
	readonly #pending = new Map<string, Counts>();
	/** Keyed events in `#pending`: their keys are written with the counts, and a key seen before takes its count back. */
	#pendingKeys: { key: string; day: string; counts: Counts }[] = [];
	readonly #memory = new Map<string, Counts>();
	/** Last event per guild and member: a join after a join (no leave between) is a resend, not a join. */
	readonly #lastEvent = new Map<string, 'join' | 'leave'>();
	/** Bumped by every counted event: the overview redraws a guild's chart only when it changed. */
	readonly #versions = new Map<string, number>();
	readonly #retention: number;
	readonly #now: () => number;
	#timer: NodeJS.Timeout | null = null;
	#writing: Promise<void> = Promise.resolve();
	/** Callers of `written()` waiting for the next planned write. */
	readonly #waiting: (() => void)[] = [];
	#prunedDay = -1;
	#failing = false;

	private constructor(
		private readonly db: Database | undefined,
		private readonly logger: Logger,
		options: MemberActivityOptions,
	) {
		this.#retention = options.retentionDays ?? RETENTION_DAYS;
		this.#now = options.now ?? Date.now;
	}

	static async create(db: Database | undefined, logger: Logger, options: MemberActivityOptions = {}) {
		if (db) await db.registerEntities('foyer-member-activity', [MemberActivityDay, MemberActivityEvent]);
		return new MemberActivity(db, logger, options);
	}

	/** A join; `key` is its event's dedupe key (see the class comment), null when it has none. */
	joined(guildId: string, userId: string, key: string | null = null): void {
		if (this.#remember(guildId, userId, 'join')) this.#add(guildId, { joins: 1, leaves: 0 }, key);
	}

	left(guildId: string, userId: string, key: string | null = null): void {
		if (this.#remember(guildId, userId, 'leave')) this.#add(guildId, { joins: 0, leaves: 1 }, key);
	}

	/** Changes whenever the guild's counts do (in this process), so a drawing of them can be kept until then. */
	version(guildId: string): number {
		return this.#versions.get(guildId) ?? 0;
	}

	/** The last `days` days up to today (UTC), oldest first, days without events as zeros. */
	async daily(guildId: string, days: number): Promise<ActivityDay[]> {
		const today = dayOf(this.#now());
		const first = today - Math.max(1, Math.min(days, this.#retention)) + 1;
		const counts = new Map<number, Counts>();
		const add = (day: number, c: Counts) => {
			const had = counts.get(day) ?? { joins: 0, leaves: 0 };
			counts.set(day, { joins: had.joins + c.joins, leaves: had.leaves + c.leaves });
		};
		if (this.db) {
			await this.#writing;
			const rows = await this.db.em().find(MemberActivityDay, { guildId, day: { $gte: first, $lte: today } });
			for (const row of rows) add(row.day, { joins: row.joins, leaves: row.leaves });
		} else
			for (const [key, c] of this.#memory) {
				const [g, day] = JSON.parse(key) as [string, number];
				if (g === guildId && day >= first && day <= today) add(day, c);
			}
		for (const [key, c] of this.#pending) {
			const [g, day] = JSON.parse(key) as [string, number];
			if (g === guildId && day >= first && day <= today) add(day, c);
		}
		const out: ActivityDay[] = [];
		for (let day = first; day <= today; day++) {
			const c = counts.get(day) ?? { joins: 0, leaves: 0 };
			out.push({ day, date: isoDay(day), ...c });
		}
		return out;
	}

	/**
	 * Resolves once what is counted now is written, by the write already planned (nothing is forced
	 * out early: the event ledger waits on this for every event it records as handled).
	 */
	written(): Promise<void> {
		return this.#timer ? new Promise((resolve) => this.#waiting.push(resolve)) : this.#writing;
	}

	/** Writes what is gathering (also at stop, so nothing counted is lost). */
	flush(): Promise<void> {
		const waiting = this.#waiting.splice(0);
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		const batch = [...this.#pending];
		const keys = this.#pendingKeys;
		this.#pending.clear();
		this.#pendingKeys = [];
		this.#writing = this.#writing.then(() => this.#write(batch, keys));
		for (const resolve of waiting) void this.#writing.then(resolve, resolve);
		return this.#writing;
	}

	#remember(guildId: string, userId: string, event: 'join' | 'leave'): boolean {
		const key = `${guildId}:${userId}`;
		const repeated = this.#lastEvent.get(key) === event;
		this.#lastEvent.delete(key);
		this.#lastEvent.set(key, event);
		// Oldest first: a Map iterates in insertion order, and every event re-inserts its member.
		if (this.#lastEvent.size > REMEMBERED_MEMBERS)
			this.#lastEvent.delete(this.#lastEvent.keys().next().value as string);
		return !repeated;
	}

	#add(guildId: string, c: Counts, eventKey: string | null): void {
		const key = JSON.stringify([guildId, dayOf(this.#now())]);
		const had = this.#pending.get(key) ?? { joins: 0, leaves: 0 };
		this.#pending.set(key, { joins: had.joins + c.joins, leaves: had.leaves + c.leaves });
		if (eventKey && this.db) this.#pendingKeys.push({ key: eventKey, day: key, counts: c });
		this.#versions.set(guildId, this.version(guildId) + 1);
		this.#timer ??= setTimeout(() => void this.flush(), GATHER_MS);
	}

	async #write(batch: [string, Counts][], keyed: { key: string; day: string; counts: Counts }[]): Promise<void> {
		const today = dayOf(this.#now());
		const db = this.db;
		if (!db) {
			for (const [key, c] of batch) {
				const had = this.#memory.get(key) ?? { joins: 0, leaves: 0 };
				this.#memory.set(key, { joins: had.joins + c.joins, leaves: had.leaves + c.leaves });
			}
		} else if (batch.length > 0) {
			const connection = db.em().getConnection();
			try {
				await connection.transactional(async (trx) => {
					const days = new Map(batch.map(([key, c]) => [key, { ...c }]));
					if (keyed.length > 0) {
						const now = this.#now();
						const fresh = new Set(
							(
								(await connection.execute(
									`insert into foyer_member_activity_events (event_key, counted_at) values ${keyed.map(() => '(?, ?)').join(', ')}
									 on conflict (event_key) do nothing returning event_key`,
									[...new Set(keyed.map((k) => k.key))].flatMap((k) => [k, now]),
									'all',
									trx,
								)) as { event_key: string }[]
							).map((r) => r.event_key),
						);
						// Counted before the restart (a replay): take its count back out of this batch.
						for (const k of keyed) {
							if (fresh.delete(k.key)) continue;
							const day = days.get(k.day);
							if (day) days.set(k.day, { joins: day.joins - k.counts.joins, leaves: day.leaves - k.counts.leaves });
						}
					}
					for (const [key, c] of days) {
						if (c.joins === 0 && c.leaves === 0) continue;
						const [guildId, day] = JSON.parse(key) as [string, number];
						// One statement, atomic on SQLite and PostgreSQL alike: no read-modify-write to race.
						await connection.execute(
							'insert into foyer_member_activity (guild_id, day, joins, leaves) values (?, ?, ?, ?) ' +
								'on conflict (guild_id, day) do update set joins = foyer_member_activity.joins + excluded.joins, ' +
								'leaves = foyer_member_activity.leaves + excluded.leaves',
							[guildId, day, c.joins, c.leaves],
							'run',
							trx,
						);
					}
				});
			} catch (error) {
				if (!isDatabaseUnavailable(error)) {
					this.logger.warn({ err: error }, 'Could not store member activity');
					return;
				}
				// The database is away: the counts go back to wait for the next write, not lost.
				if (!this.#failing)
					this.logger.warn({ err: error }, 'Database unavailable: member activity counts wait and are retried');
				this.#failing = true;
				for (const [k, left] of batch) {
					const had = this.#pending.get(k) ?? { joins: 0, leaves: 0 };
					this.#pending.set(k, { joins: had.joins + left.joins, leaves: had.leaves + left.leaves });
				}
				this.#pendingKeys.unshift(...keyed);
				this.#timer ??= setTimeout(() => void this.flush(), RETRY_MS).unref();
				return;
			}
		}
		this.#failing = false;
		if (today !== this.#prunedDay) await this.#prune(today);
	}

	async #prune(today: number): Promise<void> {
		this.#prunedDay = today;
		const oldest = today - this.#retention + 1;
		if (!this.db) {
			for (const key of this.#memory.keys())
				if ((JSON.parse(key) as [string, number])[1] < oldest) this.#memory.delete(key);
			return;
		}
		try {
			await this.db.em().nativeDelete(MemberActivityDay, { day: { $lt: oldest } });
			await this.db.em().nativeDelete(MemberActivityEvent, { countedAt: { $lt: this.#now() - EVENT_KEYS_KEPT_MS } });
		} catch (error) {
			this.logger.warn({ err: error }, 'Could not delete old member activity');
		}
	}
}
