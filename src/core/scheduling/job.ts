export type JobStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

export interface Job {
	id: string;
	/** Scheduled-task piece name, `pluginId:task` (the plugin's file name under scheduled-tasks/). */
	task: string;
	payload: unknown;
	runAt: number;
	/** Repeating jobs run again this long after each run... */
	repeatEveryMs: number | null;
	/** ...or at the next time matching this cron pattern (UTC unless the piece says otherwise). */
	repeatPattern: string | null;
	status: JobStatus;
	attempts: number;
	lastError: string | null;
	/** At most one live (pending or running) job per key: scheduling again replaces it. */
	key: string | null;
}

export interface ScheduleRequest {
	plugin: string;
	task: string;
	payload?: unknown;
	/** Run after this many milliseconds (default 0). */
	delayMs?: number;
	/** Or run at this time. */
	at?: Date;
	/** A key to cancel or replace the job by, e.g. `verify-timeout:<guild>:<member>`. */
	key?: string;
}

/** What plugins use to run their scheduled-task pieces later; the backend is embedded or BullMQ. */
export interface Scheduler {
	readonly backend: 'embedded' | 'bullmq';
	schedule(request: ScheduleRequest): Promise<string>;
	/** Cancels by job id or by `{ plugin, key }`; resolves whether a pending job was cancelled. */
	cancel(target: string | { plugin: string; key: string }): Promise<boolean>;
	/** Creates, updates or removes the repeating jobs of a plugin's pieces (`interval` option). */
	syncRepeating(plugin: string): Promise<void>;
	/** One-off jobs waiting to run or running (repeating tasks are not counted): for /ready, metrics and tests. */
	pending(): Promise<number>;
	/** How late the most overdue job is, in ms (0 when none is): for metrics. */
	lagMs?(): Promise<number>;
	start(): Promise<void>;
	/**
	 * Stops running jobs while `schedule` and `cancel` keep working (shutdown: listeners still
	 * finishing may schedule). Backends that cannot stop only their runner leave it to `stop`.
	 */
	pauseRunning?(): Promise<void>;
	stop(): Promise<void>;
}

export const MAX_ATTEMPTS = 3;

export function taskName(plugin: string, task: string): string {
	return `${plugin}:${task}`;
}

export function runAtOf(request: ScheduleRequest, now: number): number {
	if (request.at) return request.at.getTime();
	return now + Math.max(0, request.delayMs ?? 0);
}

/** The repeat rule of a ScheduledTask piece (its `interval` or `pattern` option), if any. */
export interface RepeatRule {
	every: number | null;
	pattern: string | null;
	timezone: string;
}

export function repeatRuleOf(piece: unknown): RepeatRule | null {
	const p = piece as { interval?: number | null; pattern?: string | null; timezone?: string };
	if (p.interval) return { every: p.interval, pattern: null, timezone: p.timezone ?? 'UTC' };
	if (p.pattern) return { every: null, pattern: p.pattern, timezone: p.timezone ?? 'UTC' };
	return null;
}
