import { CronExpressionParser } from 'cron-parser';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../database/database-unavailable.ts';
import { pluginIdOfPiece } from '../plugins/piece-loader.ts';
import {
	type Job,
	MAX_ATTEMPTS,
	type RepeatRule,
	repeatRuleOf,
	runAtOf,
	type ScheduleRequest,
	type Scheduler,
	taskName,
} from './job.ts';
import type { JobStore } from './job-store.ts';
import { runTask, scheduledTaskPieces } from './task-runner.ts';

export interface EmbeddedSchedulerOptions {
	/** Longest sleep between checks, so jobs written by another process are picked up too. */
	pollMs?: number;
	/** Jobs run concurrently per tick. */
	concurrency?: number;
	/** Backoff before retry n (1-based). */
	retryDelayMs?: (attempt: number) => number;
	now?: () => number;
}

/**
 * The scheduler used without Redis: jobs live in the database (JobStore), so they survive restarts;
 * a job due while Foyer was down runs at start, and a job that was running when the process died
 * runs again (at least once). Runs the same ScheduledTask pieces the BullMQ backend runs.
 */
export class EmbeddedScheduler implements Scheduler {
	readonly backend = 'embedded' as const;
	#timer: NodeJS.Timeout | null = null;
	#wakeAt = Number.POSITIVE_INFINITY;
	#running = false;
	#ticking: Promise<void> | null = null;
	#databaseAway = false;
	readonly #pollMs: number;
	readonly #concurrency: number;
	readonly #retryDelay: (attempt: number) => number;
	readonly #now: () => number;

	constructor(
		private readonly store: JobStore,
		private readonly logger: Logger,
		options: EmbeddedSchedulerOptions = {},
	) {
		this.#pollMs = options.pollMs ?? 1_000;
		this.#concurrency = options.concurrency ?? 10;
		this.#retryDelay = options.retryDelayMs ?? ((n) => 1_000 * 2 ** (n - 1));
		this.#now = options.now ?? Date.now;
	}

	async start(): Promise<void> {
		if (this.#running) return;
		this.#running = true;
		const requeued = await this.store.requeueRunning();
		if (requeued) this.logger.warn({ requeued }, 'Jobs interrupted by the last shutdown will run again');
		this.#wake(0);
	}

	/** The jobs live in the database: scheduling needs no runner, so pausing is stopping. */
	pauseRunning(): Promise<void> {
		return this.stop();
	}

	async stop(): Promise<void> {
		this.#running = false;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		await this.#ticking;
	}

	async schedule(request: ScheduleRequest): Promise<string> {
		const task = taskName(request.plugin, request.task);
		const key = request.key ? `${request.plugin}:${request.key}` : null;
		const runAt = runAtOf(request, this.#now());
		if (key) {
			// The same job asked for again (a replayed event) is left alone: replacing it while it runs
			// would run it twice.
			const live = await this.store.findLiveByKey(key);
			if (live && sameJob(live, task, runAt, request.payload ?? null)) return live.id;
			await this.store.cancelByKey(key);
		}
		const job = await this.store.insert({
			task,
			payload: request.payload ?? null,
			runAt,
			repeatEveryMs: null,
			repeatPattern: null,
			status: 'pending',
			attempts: 0,
			lastError: null,
			key,
		});
		this.#wake(job.runAt - this.#now());
		return job.id;
	}

	async cancel(target: string | { plugin: string; key: string }): Promise<boolean> {
		return typeof target === 'string'
			? this.store.cancel(target)
			: this.store.cancelByKey(`${target.plugin}:${target.key}`);
	}

	async syncRepeating(plugin: string): Promise<void> {
		const prefix = `${plugin}:repeat:`;
		const wanted = new Map<string, RepeatRule>();
		for (const [name, piece] of scheduledTaskPieces()) {
			const rule = repeatRuleOf(piece);
			if (pluginIdOfPiece(name) === plugin && rule) wanted.set(name, rule);
		}
		for (const job of await this.store.liveWithKeyPrefix(prefix)) {
			const rule = wanted.get(job.task);
			const same = rule && rule.every === job.repeatEveryMs && patternOf(rule) === job.repeatPattern;
			if (!same) await this.store.cancel(job.id);
			else wanted.delete(job.task);
		}
		for (const [name, rule] of wanted) {
			const runAt = nextRun(rule.every, patternOf(rule), this.#now());
			const job = await this.store.insert({
				task: name,
				payload: null,
				runAt,
				repeatEveryMs: rule.every,
				repeatPattern: patternOf(rule),
				status: 'pending',
				attempts: 0,
				lastError: null,
				key: `${prefix}${name}`,
			});
			this.#wake(job.runAt - this.#now());
		}
	}

	/** Runs every job that is due now and resolves when they are done (tests that move the clock use it). */
	async runDue(): Promise<void> {
		if (!this.#running) return;
		await this.#ticking;
		const tick = this.#tick();
		this.#ticking = tick.finally(() => {
			if (this.#ticking === tick) this.#ticking = null;
		});
		await tick;
	}

	pending(): Promise<number> {
		return this.store.countPending();
	}

	async lagMs(): Promise<number> {
		const next = await this.store.nextRunAt();
		return next === null ? 0 : Math.max(0, this.#now() - next);
	}

	#wake(inMs: number): void {
		if (!this.#running) return;
		const at = this.#now() + Math.max(0, Math.min(inMs, this.#pollMs));
		if (this.#timer && at >= this.#wakeAt) return;
		if (this.#timer) clearTimeout(this.#timer);
		this.#wakeAt = at;
		this.#timer = setTimeout(
			() => {
				this.#timer = null;
				this.#wakeAt = Number.POSITIVE_INFINITY;
				this.#ticking = this.#tick().finally(() => {
					this.#ticking = null;
				});
			},
			Math.max(0, at - this.#now()),
		);
		this.#timer.unref?.();
	}

	async #tick(): Promise<void> {
		try {
			for (;;) {
				const due = await this.store.due(this.#now(), this.#concurrency);
				if (due.length === 0 || !this.#running) break;
				await Promise.all(due.map((job) => this.#run(job)));
			}
			const next = await this.store.nextRunAt();
			if (this.#databaseAway) {
				this.#databaseAway = false;
				this.logger.info('Database available again: scheduled tasks run');
			}
			this.#wake(next === null ? this.#pollMs : next - this.#now());
		} catch (error) {
			// An outage is expected operation (one warning per outage); anything else is a fault.
			if (isDatabaseUnavailable(error)) {
				if (!this.#databaseAway)
					this.logger.warn({ err: error }, 'Database unavailable: scheduled tasks wait until it answers');
				this.#databaseAway = true;
			} else this.logger.error({ err: error }, 'Scheduler tick failed; retrying');
			this.#wake(this.#pollMs);
		}
	}

	async #run(job: Job): Promise<void> {
		if (!(await this.store.claim(job.id))) return;
		const attempt = job.attempts + 1;
		try {
			await runTask(job.task, job.payload);
			if (job.repeatEveryMs || job.repeatPattern)
				await this.store.reschedule(job.id, nextRun(job.repeatEveryMs, job.repeatPattern, this.#now()));
			else await this.store.complete(job.id);
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			const retry = attempt < MAX_ATTEMPTS ? this.#now() + this.#retryDelay(attempt) : null;
			this.logger.error(
				{ plugin: pluginIdOfPiece(job.task), task: job.task, job: job.id, attempt, err: error },
				retry ? `Task ${job.task} failed; retrying` : `Task ${job.task} failed ${attempt} times; giving up`,
			);
			if (retry === null && (job.repeatEveryMs || job.repeatPattern))
				await this.store.reschedule(job.id, nextRun(job.repeatEveryMs, job.repeatPattern, this.#now()));
			else await this.store.fail(job.id, message, retry);
		}
	}
}

function sameJob(job: Job, task: string, runAt: number, payload: unknown): boolean {
	return job.task === task && job.runAt === runAt && JSON.stringify(job.payload) === JSON.stringify(payload);
}

/** Patterns are stored with their timezone (`pattern|tz`) so a changed timezone counts as a change. */
function patternOf(rule: RepeatRule): string | null {
	return rule.pattern ? `${rule.pattern}|${rule.timezone}` : null;
}

function nextRun(every: number | null, pattern: string | null, now: number): number {
	if (every) return now + every;
	if (!pattern) throw new Error('A repeating job needs an interval or a pattern');
	const [expression, tz] = pattern.split('|');
	return CronExpressionParser.parse(expression as string, { currentDate: new Date(now), tz: tz || 'UTC' })
		.next()
		.getTime();
}
