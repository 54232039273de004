import { container } from '@sapphire/framework';
import { ScheduledTaskHandler } from '@sapphire/plugin-scheduled-tasks';
import type { Logger } from 'pino';
import { pluginIdOfPiece } from '../plugins/piece-loader.ts';
import {
	MAX_ATTEMPTS,
	type RepeatRule,
	repeatRuleOf,
	runAtOf,
	type ScheduleRequest,
	type Scheduler,
	taskName,
} from './job.ts';
import { completionsWritten, scheduledTaskPieces } from './task-runner.ts';

/** ioredis connection options from a redis:// URL (BullMQ workers need maxRetriesPerRequest: null). */
export function redisConnection(url: string) {
	const u = new URL(url);
	return {
		host: u.hostname,
		port: Number(u.port || 6379),
		...(u.password ? { password: decodeURIComponent(u.password) } : {}),
		...(u.username ? { username: decodeURIComponent(u.username) } : {}),
		db: Number(u.pathname.slice(1) || 0),
		...(u.protocol === 'rediss:' ? { tls: {} } : {}),
		maxRetriesPerRequest: null,
	};
}

/**
 * plugin-scheduled-tasks completes a job whose piece is not loaded (it only emits "not found"), so a
 * job falling due while its plugin is unloaded or not loaded yet would be lost. Foyer's task runner
 * throws instead, and BullMQ retries the job with backoff like any failed run.
 */
class FoyerTaskHandler extends ScheduledTaskHandler {
	override async run(task: Parameters<ScheduledTaskHandler['run']>[0]) {
		const { name } = typeof task === 'string' ? { name: task } : task;
		if (!scheduledTaskPieces().has(name))
			throw new Error(`No scheduled task "${name}" is loaded (plugin ${pluginIdOfPiece(name) ?? '?'} unloaded?)`);
		const result = await super.run(task);
		await completionsWritten();
		return result;
	}
}

/**
 * The BullMQ job id of a keyed job. BullMQ refuses custom ids containing `:` ("Custom Id cannot
 * contain :", except its legacy three-part form) and integer-like ids, while plugin keys are
 * `assign:<guild>:<user>:<delay>`-shaped: both parts are URI-encoded (which escapes `:` and `/`) and
 * joined by `/`, so the id is never an integer and two different (plugin, key) pairs never share one.
 */
export function bullJobId(plugin: string, key: string): string {
	return `${encodeURIComponent(plugin)}/${encodeURIComponent(key)}`;
}

/**
 * The scheduler with REDIS_URL: @sapphire/plugin-scheduled-tasks' own BullMQ handler runs the same
 * ScheduledTask pieces. Keys become BullMQ job ids so that a keyed job can be replaced or cancelled.
 */
export class BullMqScheduler implements Scheduler {
	readonly backend = 'bullmq' as const;
	#handler: ScheduledTaskHandler | null = null;
	// Foyer starts the worker once the plugins (and their task pieces) are loaded; a plugin that
	// schedules before that waits for the start instead of failing.
	#markStarted!: () => void;
	readonly #started = new Promise<void>((resolve) => {
		this.#markStarted = resolve;
	});

	constructor(
		private readonly redisUrl: string,
		private readonly logger: Logger,
		private readonly queue = 'foyer-tasks',
	) {}

	get handler(): ScheduledTaskHandler {
		if (!this.#handler) throw new Error('The BullMQ scheduler is not started');
		return this.#handler;
	}

	async start(): Promise<void> {
		if (this.#handler) return;
		this.#handler = new FoyerTaskHandler({
			bull: { connection: redisConnection(this.redisUrl) },
			queue: this.queue,
		});
		container.tasks = this.#handler;
		container.client.on('scheduledTaskError', (error: unknown, piece: { name: string }) => {
			this.logger.error(
				{ plugin: pluginIdOfPiece(piece.name), task: piece.name, err: error },
				`Task ${piece.name} failed`,
			);
		});
		await this.#handler.client.waitUntilReady();
		this.#markStarted();
	}

	async stop(): Promise<void> {
		await this.#handler?.close();
		this.#handler = null;
	}

	async schedule(request: ScheduleRequest): Promise<string> {
		await this.#started;
		const jobId = request.key ? bullJobId(request.plugin, request.key) : undefined;
		const runAt = runAtOf(request, Date.now());
		if (jobId) {
			const existing = await this.handler.get(jobId as never);
			if (existing) {
				// The same job asked for again (a replayed event) is left alone: replacing it while it
				// runs would run it twice.
				const state = await existing.getState();
				const same =
					existing.name === taskName(request.plugin, request.task) &&
					JSON.stringify(existing.data) === JSON.stringify(request.payload ?? null) &&
					Math.abs(existing.timestamp + (existing.opts.delay ?? 0) - runAt) < 1_000;
				if (same && ['delayed', 'waiting', 'active', 'prioritized'].includes(state)) return String(existing.id);
				if (state !== 'active') await existing.remove();
			}
		}
		const delay = Math.max(0, runAt - Date.now());
		const job = await this.handler.create(
			{ name: taskName(request.plugin, request.task) as never, payload: (request.payload ?? null) as never },
			{
				repeated: false,
				delay,
				customJobOptions: {
					...(jobId ? { jobId } : {}),
					attempts: MAX_ATTEMPTS,
					backoff: { type: 'exponential', delay: 1_000 },
					removeOnComplete: true,
					removeOnFail: 1_000,
				},
			},
		);
		return String(job?.id);
	}

	async cancel(target: string | { plugin: string; key: string }): Promise<boolean> {
		await this.#started;
		const id = typeof target === 'string' ? target : bullJobId(target.plugin, target.key);
		const job = await this.handler.get(id as never);
		if (!job) return false;
		// A running job (often the caller itself: a task that ends what it was scheduled for) is
		// locked by its worker and cannot be removed; it is not pending, so there is nothing to cancel.
		if ((await job.getState()) === 'active') return false;
		await job.remove();
		return true;
	}

	async pending(): Promise<number> {
		await this.#started;
		const client = this.handler.client;
		const counts = await client.getJobCounts(
			'waiting',
			'delayed',
			'active',
			'prioritized',
			'paused',
			'waiting-children',
		);
		const total = Object.values(counts).reduce((a, b) => a + b, 0);
		// Each repeating task keeps exactly one next job in the queue.
		return Math.max(0, total - (await client.getJobSchedulersCount()));
	}

	async lagMs(): Promise<number> {
		await this.#started;
		// The oldest job waiting for a worker: due since its timestamp plus its delay.
		const [oldest] = await this.handler.client.getJobs(['waiting', 'prioritized'], 0, 0, true);
		return oldest ? Math.max(0, Date.now() - (oldest.timestamp + (oldest.delay ?? 0))) : 0;
	}

	/** Repeating jobs stay in Redis after their piece is gone, so stale ones are removed by key. */
	async syncRepeating(plugin: string): Promise<void> {
		const wanted = new Map<string, RepeatRule>();
		for (const [name, piece] of scheduledTaskPieces()) {
			const rule = repeatRuleOf(piece);
			if (pluginIdOfPiece(name) === plugin && rule) wanted.set(name, rule);
		}
		const existing = await this.handler.client.getRepeatableJobs();
		for (const job of existing) {
			if (pluginIdOfPiece(job.name) !== plugin) continue;
			const rule = wanted.get(job.name);
			const same =
				rule &&
				(rule.every
					? Number(job.every) === rule.every
					: job.pattern === rule.pattern && (job.tz ?? 'UTC') === rule.timezone);
			if (same) wanted.delete(job.name);
			else await this.handler.client.removeRepeatableByKey(job.key);
		}
		for (const [name, rule] of wanted)
			await this.handler.create(
				name as never,
				rule.every
					? { repeated: true, interval: rule.every }
					: { repeated: true, pattern: rule.pattern as string, timezone: rule.timezone },
			);
	}
}
