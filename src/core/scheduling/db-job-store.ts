import { type InferEntity, raw } from '@mikro-orm/core';
import type { Database } from '../database/database.ts';
import { ScheduledJob } from '../database/entities/scheduled-job.ts';
import type { Job, JobStatus } from './job.ts';
import type { JobStore } from './job-store.ts';

type Row = InferEntity<typeof ScheduledJob>;

function toJob(row: Row): Job {
	return {
		id: String(row.id),
		task: row.task,
		payload: row.payload ?? null,
		runAt: Number(row.runAt),
		repeatEveryMs: row.repeatEveryMs ?? null,
		repeatPattern: row.repeatPattern ?? null,
		status: row.status as JobStatus,
		attempts: row.attempts,
		lastError: row.lastError ?? null,
		key: row.key ?? null,
	};
}

const LIVE = ['pending', 'running'];

/** The embedded scheduler's jobs in the database: they survive restarts, and claims are atomic. */
export class DbJobStore implements JobStore {
	constructor(private readonly db: Database) {}

	async insert(job: Omit<Job, 'id'>): Promise<Job> {
		const em = this.db.em();
		const row = em.create(ScheduledJob, {
			task: job.task,
			payload: job.payload as never,
			runAt: job.runAt,
			repeatEveryMs: job.repeatEveryMs,
			repeatPattern: job.repeatPattern,
			status: job.status,
			attempts: job.attempts,
			lastError: job.lastError,
			key: job.key,
		});
		await em.flush();
		return toJob(row);
	}

	async due(now: number, limit: number): Promise<Job[]> {
		const rows = await this.db
			.em()
			.find(ScheduledJob, { status: 'pending', runAt: { $lte: now } }, { orderBy: { runAt: 'asc', id: 'asc' }, limit });
		return rows.map(toJob);
	}

	async claim(id: string): Promise<boolean> {
		// One UPDATE guarded by the status: whoever changes the row owns the run.
		const changed = await this.db
			.em()
			.nativeUpdate(
				ScheduledJob,
				{ id: Number(id), status: 'pending' },
				{ status: 'running', attempts: raw('attempts + 1') },
			);
		return changed === 1;
	}

	async complete(id: string): Promise<void> {
		await this.db.em().nativeUpdate(ScheduledJob, { id: Number(id), status: 'running' }, { status: 'done' });
	}

	async fail(id: string, error: string, retryAt: number | null): Promise<void> {
		await this.db
			.em()
			.nativeUpdate(
				ScheduledJob,
				{ id: Number(id), status: 'running' },
				retryAt === null
					? { status: 'failed', lastError: error }
					: { status: 'pending', runAt: retryAt, lastError: error },
			);
	}

	async reschedule(id: string, runAt: number): Promise<void> {
		await this.db
			.em()
			.nativeUpdate(ScheduledJob, { id: Number(id), status: { $in: LIVE } }, { status: 'pending', runAt, attempts: 0 });
	}

	async cancel(id: string): Promise<boolean> {
		return (
			(await this.db
				.em()
				.nativeUpdate(ScheduledJob, { id: Number(id), status: { $in: LIVE } }, { status: 'cancelled' })) > 0
		);
	}

	async cancelByKey(key: string): Promise<boolean> {
		return (await this.db.em().nativeUpdate(ScheduledJob, { key, status: { $in: LIVE } }, { status: 'cancelled' })) > 0;
	}

	async findLiveByKey(key: string): Promise<Job | null> {
		const row = await this.db.em().findOne(ScheduledJob, { key, status: { $in: LIVE } });
		return row ? toJob(row) : null;
	}

	async liveWithKeyPrefix(prefix: string): Promise<Job[]> {
		const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
		const rows = await this.db.em().find(ScheduledJob, { key: { $like: `${escaped}%` }, status: { $in: LIVE } });
		return rows.map(toJob);
	}

	async nextRunAt(): Promise<number | null> {
		const row = await this.db.em().findOne(ScheduledJob, { status: 'pending' }, { orderBy: { runAt: 'asc' } });
		return row ? Number(row.runAt) : null;
	}

	async requeueRunning(): Promise<number> {
		return this.db.em().nativeUpdate(ScheduledJob, { status: 'running' }, { status: 'pending' });
	}

	async countPending(): Promise<number> {
		return this.db.em().count(ScheduledJob, { status: { $in: LIVE }, repeatEveryMs: null, repeatPattern: null });
	}

	async get(id: string): Promise<Job | null> {
		const row = await this.db.em().findOne(ScheduledJob, { id: Number(id) });
		return row ? toJob(row) : null;
	}
}
