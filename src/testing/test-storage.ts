import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Clock } from '../core/clock.ts';
import { Database } from '../core/database/database.ts';
import { ScheduledJob } from '../core/database/entities/scheduled-job.ts';
import { DbJobStore } from '../core/scheduling/db-job-store.ts';
import { EmbeddedScheduler } from '../core/scheduling/embedded-scheduler.ts';
import type { Scheduler } from '../core/scheduling/job.ts';

/**
 * Where a TestFoyer keeps its data: a database and a scheduler on it. Restarting Foyer reopens the
 * same database and builds a new scheduler, as a restarted process would. A backend of the
 * backend matrix (SQLite + embedded, PostgreSQL + BullMQ) is one of these.
 */
export interface TestStorage {
	/** The database, opened on first use. */
	db(): Promise<Database>;
	/** Closes the database and opens it again: the same data in a new connection (a restart). */
	reopen(): Promise<Database>;
	/** A new scheduler for one start of Foyer; `clock` is the test's, for schedulers that can follow it. */
	scheduler(logger: Logger, clock: Clock): Scheduler;
	/** Closes the database and removes everything the storage created. */
	cleanup(): Promise<void>;
}

/** Jobs waiting to run (pending or running), for tests that wait until something was scheduled. */
export async function pendingJobsIn(db: Database): Promise<number> {
	return db.em().count(ScheduledJob, { status: { $in: ['pending', 'running'] } });
}

/**
 * The default storage: a SQLite file in a fresh temp folder, with the embedded scheduler keeping
 * its jobs in that file (as `npm start` does) and reading the time from the test clock, so
 * `clock.advance()` runs what fell due.
 */
export function sqliteTestStorage(): TestStorage {
	const dir = mkdtempSync(join(tmpdir(), 'foyer-test-'));
	let db: Database | null = null;
	const open = () => Database.open({ sqlitePath: join(dir, 'foyer.db') });
	return {
		async db() {
			db ??= await open();
			return db;
		},
		async reopen() {
			await db?.close();
			db = await open();
			return db;
		},
		scheduler(logger, clock) {
			if (!db) throw new Error('Open the storage (await storage.db()) before building its scheduler');
			return new EmbeddedScheduler(new DbJobStore(db), logger, {
				pollMs: 50,
				retryDelayMs: () => 50,
				now: () => clock.now(),
			});
		},
		async cleanup() {
			await db?.close().catch(() => undefined);
			db = null;
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
