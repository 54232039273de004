import type { Job } from './job.ts';

/**
 * Persistence for the embedded scheduler. `claim` must be atomic (a job is run by one worker),
 * and everything must survive a restart for the database-backed implementation.
 */
export interface JobStore {
	insert(job: Omit<Job, 'id'>): Promise<Job>;
	/** Pending jobs due at `now`, oldest first. */
	due(now: number, limit: number): Promise<Job[]>;
	/** pending → running; false if someone else claimed it or it was cancelled. */
	claim(id: string): Promise<boolean>;
	complete(id: string): Promise<void>;
	/** Back to pending at `retryAt` with the error, or failed when `retryAt` is null. */
	fail(id: string, error: string, retryAt: number | null): Promise<void>;
	/** Re-arms a repeating job after a run. */
	reschedule(id: string, runAt: number): Promise<void>;
	cancel(id: string): Promise<boolean>;
	cancelByKey(key: string): Promise<boolean>;
	findLiveByKey(key: string): Promise<Job | null>;
	/** Live (pending or running) jobs whose key starts with `prefix`. */
	liveWithKeyPrefix(prefix: string): Promise<Job[]>;
	/** Earliest runAt among pending jobs, to sleep until then. */
	nextRunAt(): Promise<number | null>;
	/** After a crash, running jobs never finished: make them pending again (at-least-once). */
	requeueRunning(): Promise<number>;
	get(id: string): Promise<Job | null>;
	/** Live one-off jobs (pending or running, not repeating). */
	countPending(): Promise<number>;
}

/** In-memory JobStore for tests and for running without a database. */
export class MemoryJobStore implements JobStore {
	readonly #jobs = new Map<string, Job>();
	#next = 1;

	async insert(job: Omit<Job, 'id'>): Promise<Job> {
		const stored = { ...job, id: String(this.#next++) };
		this.#jobs.set(stored.id, stored);
		return { ...stored };
	}

	async due(now: number, limit: number): Promise<Job[]> {
		return [...this.#jobs.values()]
			.filter((j) => j.status === 'pending' && j.runAt <= now)
			.sort((a, b) => a.runAt - b.runAt)
			.slice(0, limit)
			.map((j) => ({ ...j }));
	}

	async claim(id: string): Promise<boolean> {
		const job = this.#jobs.get(id);
		if (job?.status !== 'pending') return false;
		job.status = 'running';
		job.attempts++;
		return true;
	}

	async complete(id: string): Promise<void> {
		const job = this.#jobs.get(id);
		if (job) job.status = 'done';
	}

	async fail(id: string, error: string, retryAt: number | null): Promise<void> {
		const job = this.#jobs.get(id);
		if (!job) return;
		job.lastError = error;
		if (retryAt === null) job.status = 'failed';
		else {
			job.status = 'pending';
			job.runAt = retryAt;
		}
	}

	async reschedule(id: string, runAt: number): Promise<void> {
		const job = this.#jobs.get(id);
		if (!job || job.status === 'cancelled') return;
		job.status = 'pending';
		job.runAt = runAt;
		job.attempts = 0;
	}

	async cancel(id: string): Promise<boolean> {
		const job = this.#jobs.get(id);
		if (!job || (job.status !== 'pending' && job.status !== 'running')) return false;
		job.status = 'cancelled';
		return true;
	}

	async cancelByKey(key: string): Promise<boolean> {
		const job = await this.findLiveByKey(key);
		return job ? this.cancel(job.id) : false;
	}

	async findLiveByKey(key: string): Promise<Job | null> {
		for (const job of this.#jobs.values())
			if (job.key === key && (job.status === 'pending' || job.status === 'running')) return { ...job };
		return null;
	}

	async liveWithKeyPrefix(prefix: string): Promise<Job[]> {
		return [...this.#jobs.values()]
			.filter((j) => j.key?.startsWith(prefix) && (j.status === 'pending' || j.status === 'running'))
			.map((j) => ({ ...j }));
	}

	async nextRunAt(): Promise<number | null> {
		let next: number | null = null;
		for (const job of this.#jobs.values())
			if (job.status === 'pending' && (next === null || job.runAt < next)) next = job.runAt;
		return next;
	}

	async requeueRunning(): Promise<number> {
		let n = 0;
		for (const job of this.#jobs.values())
			if (job.status === 'running') {
				job.status = 'pending';
				n++;
			}
		return n;
	}

	async get(id: string): Promise<Job | null> {
		const job = this.#jobs.get(id);
		return job ? { ...job } : null;
	}

	async countPending(): Promise<number> {
		let n = 0;
		for (const job of this.#jobs.values())
			if ((job.status === 'pending' || job.status === 'running') && !job.repeatEveryMs && !job.repeatPattern) n++;
		return n;
	}
}
