import type { Logger } from 'pino';
import type { Database } from '../database/database.ts';
import { isDatabaseUnavailable } from '../database/database-unavailable.ts';
import { type ActivityDay, dayOf, isoDay } from './activity-day.ts';
import { MemberActivityDay } from './member-activity-entity.ts';

/** How long an event waits for others to share its write: a raid's thousand joins cost a few upserts. */
const GATHER_MS = 100;
/** Wait before writing again while the database is unavailable. */
const RETRY_MS = 1_000;
/** Days kept; older rows are deleted (one guild costs at most this many small rows). */
export const RETENTION_DAYS = 400;
/** Members remembered as "in" so that a repeated GUILD_MEMBER_ADD (Discord may resend it) counts once. */
const REMEMBERED_MEMBERS = 50_000;

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
 * are deleted once a day. Without a database the days live in memory, with the same retention.
 */
export class MemberActivity {
	readonly #pending = new Map<string, Counts>();
	readonly #memory = new Map<string, Counts>();
	/** Last event per guild and member: a join after a join (no leave between) is a resend, not a join. */
	readonly #lastEvent = new Map<string, 'join' | 'leave'>();
	/** Bumped by every counted event: the overview redraws a guild's chart only when it changed. */
	readonly #versions = new Map<string, number>();
	readonly #retention: number;
	readonly #now: () => number;
	#timer: NodeJS.Timeout | null = null;
	#writing: Promise<void> = Promise.resolve();
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
		if (db) await db.registerEntities('foyer-member-activity', [MemberActivityDay]);
		return new MemberActivity(db, logger, options);
	}

	joined(guildId: string, userId: string): void {
		if (this.#remember(guildId, userId, 'join')) this.#add(guildId, { joins: 1, leaves: 0 });
	}

	left(guildId: string, userId: string): void {
		if (this.#remember(guildId, userId, 'leave')) this.#add(guildId, { joins: 0, leaves: 1 });
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

	/** Writes what is gathering (also at stop, so nothing counted is lost). */
	flush(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		const batch = [...this.#pending];
		this.#pending.clear();
		this.#writing = this.#writing.then(() => this.#write(batch));
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

	#add(guildId: string, c: Counts): void {
		const key = JSON.stringify([guildId, dayOf(this.#now())]);
		const had = this.#pending.get(key) ?? { joins: 0, leaves: 0 };
		this.#pending.set(key, { joins: had.joins + c.joins, leaves: had.leaves + c.leaves });
		this.#versions.set(guildId, this.version(guildId) + 1);
		this.#timer ??= setTimeout(() => void this.flush(), GATHER_MS);
	}

	async #write(batch: [string, Counts][]): Promise<void> {
		const today = dayOf(this.#now());
		for (const [i, [key, c]] of batch.entries()) {
			const [guildId, day] = JSON.parse(key) as [string, number];
			if (!this.db) {
				const had = this.#memory.get(key) ?? { joins: 0, leaves: 0 };
				this.#memory.set(key, { joins: had.joins + c.joins, leaves: had.leaves + c.leaves });
				continue;
			}
			try {
				// One statement, atomic on SQLite and PostgreSQL alike: no read-modify-write to race.
				await this.db
					.em()
					.getConnection()
					.execute(
						'insert into foyer_member_activity (guild_id, day, joins, leaves) values (?, ?, ?, ?) ' +
							'on conflict (guild_id, day) do update set joins = foyer_member_activity.joins + excluded.joins, ' +
							'leaves = foyer_member_activity.leaves + excluded.leaves',
						[guildId, day, c.joins, c.leaves],
					);
			} catch (error) {
				if (!isDatabaseUnavailable(error)) {
					this.logger.warn({ guild: guildId, day: isoDay(day), err: error }, 'Could not store member activity');
					continue;
				}
				// The database is away: the counts go back to wait for the next write, not lost.
				if (!this.#failing)
					this.logger.warn({ err: error }, 'Database unavailable: member activity counts wait and are retried');
				this.#failing = true;
				for (const [k, left] of batch.slice(i)) {
					const had = this.#pending.get(k) ?? { joins: 0, leaves: 0 };
					this.#pending.set(k, { joins: had.joins + left.joins, leaves: had.leaves + left.leaves });
				}
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
		} catch (error) {
			this.logger.warn({ err: error }, 'Could not delete old member activity');
		}
	}
}
