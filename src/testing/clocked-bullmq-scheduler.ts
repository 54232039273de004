import type { Logger } from 'pino';
import type { Clock } from '../core/clock.ts';
import { BullMqScheduler } from '../core/scheduling/bullmq-scheduler.ts';
import { runAtOf, type ScheduleRequest } from '../core/scheduling/job.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * BullMQ delays jobs on Redis's time, which a test cannot move. This scheduler keeps, per job, when
 * it falls due by the test clock (sending BullMQ the same delay from now), and `runDue()` promotes
 * the jobs the clock has reached and waits until they have run: `clock.advance(days)` then works on
 * PostgreSQL + BullMQ as it does on the embedded scheduler.
 */
export class ClockedBullMqScheduler extends BullMqScheduler {
	constructor(
		redisUrl: string,
		logger: Logger,
		queue: string,
		private readonly clock: Clock,
		/** Job id to due time on the test clock; shared by the schedulers of one suite (restarts). */
		private readonly dueAt: Map<string, number>,
	) {
		super(redisUrl, logger, queue);
	}

	override async schedule(request: ScheduleRequest): Promise<string> {
		const now = this.clock.now();
		const due = runAtOf(request, now);
		const { at: _at, ...rest } = request;
		const id = await super.schedule({ ...rest, delayMs: Math.max(0, due - now) });
		this.dueAt.set(id, due);
		return id;
	}

	/** Promotes every job due by the test clock and resolves once each has run (or failed an attempt). */
	async runDue(): Promise<void> {
		const now = this.clock.now();
		const due = [...this.dueAt].filter(([, at]) => at <= now).map(([id]) => id);
		const queue = this.handler.client;
		for (const id of due) {
			const job = await queue.getJob(id);
			if ((await job?.getState()) === 'delayed') await job?.promote();
		}
		const deadline = Date.now() + 10_000;
		for (const id of due) {
			for (;;) {
				const job = await queue.getJob(id);
				const state = job ? await job.getState() : 'gone';
				// Completed jobs are removed; a failed attempt waits for its retry (delayed again).
				const settled =
					state === 'gone' || state === 'completed' || state === 'failed' || (state === 'delayed' && job?.attemptsMade);
				if (settled) break;
				if (Date.now() > deadline) throw new Error(`Job ${id} did not run within 10 s of falling due`);
				await sleep(20);
			}
			this.dueAt.delete(id);
		}
	}
}
