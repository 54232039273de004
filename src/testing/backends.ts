import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { describe, it } from 'vitest';
import type { Clock } from '../core/clock.ts';
import { Database } from '../core/database/database.ts';
import { BullMqScheduler } from '../core/scheduling/bullmq-scheduler.ts';
import { DbJobStore } from '../core/scheduling/db-job-store.ts';
import { EmbeddedScheduler } from '../core/scheduling/embedded-scheduler.ts';
import type { Scheduler } from '../core/scheduling/job.ts';
import { ClockedBullMqScheduler } from './clocked-bullmq-scheduler.ts';

export type BackendName = 'sqlite+embedded' | 'postgresql+bullmq';

/**
 * One storage backend for a suite: its own database (a SQLite file in a temp folder, or its own
 * PostgreSQL schema) and its own scheduler (the embedded one on that database, or BullMQ on its own
 * queue), so suites running in parallel never see each other's rows or jobs.
 */
export interface Backend {
	readonly name: BackendName;
	readonly dialect: 'sqlite' | 'postgresql';
	/** The suite's database, opened on first use; after `reopen()` the same data in a new connection (a restart). */
	db(): Promise<Database>;
	/** Closes the database and opens it again, as a restarted Foyer would. */
	reopen(): Promise<Database>;
	/**
	 * A new scheduler on the suite's job table or queue (one per Foyer started). Given the test's
	 * clock, it follows it: jobs fall due by that clock and `clock.advance()` runs them.
	 */
	scheduler(logger: Logger, clock?: Clock): Scheduler;
	/** What `startFoyerWithEmulator` takes: `{ ...(await backend.harnessOptions()) }`. */
	harnessOptions(): Promise<{ db: Database; scheduler: (logger: Logger) => Scheduler }>;
	/** Environment for a Foyer started as its own process (`npm start`) on this backend. */
	env(): Promise<Record<string, string>>;
	/** Closes the database and drops everything the suite created (schema, queue, files). */
	cleanup(): Promise<void>;
}

const suiteId = () => `${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`;

abstract class BaseBackend {
	#db: Database | null = null;
	protected abstract open(): Promise<Database>;

	async db(): Promise<Database> {
		this.#db ??= await this.open();
		return this.#db;
	}

	async reopen(): Promise<Database> {
		await this.#db?.close();
		this.#db = await this.open();
		return this.#db;
	}

	/** The open database (schedulers are built after `db()` resolved). */
	protected current(): Database {
		if (!this.#db) throw new Error('Open the backend database (await backend.db()) before building a scheduler');
		return this.#db;
	}

	async closeDb(): Promise<void> {
		await this.#db?.close().catch(() => undefined);
		this.#db = null;
	}
}

class SqliteBackend extends BaseBackend implements Backend {
	readonly name = 'sqlite+embedded' as const;
	readonly dialect = 'sqlite' as const;
	#dir: string | null = null;

	/** The data folder (FOYER_DATA_DIR), created on first use. */
	get dir(): string {
		this.#dir ??= mkdtempSync(join(tmpdir(), 'foyer-backend-'));
		return this.#dir;
	}

	protected open(): Promise<Database> {
		return Database.open({ sqlitePath: join(this.dir, 'foyer.db') });
	}

	scheduler(logger: Logger, clock?: Clock): Scheduler {
		// The database holds the jobs (as in production), polled often so that tests wait little.
		return new EmbeddedScheduler(new DbJobStore(this.current()), logger, {
			pollMs: 100,
			retryDelayMs: () => 100,
			...(clock ? { now: () => clock.now() } : {}),
		});
	}

	async harnessOptions() {
		return { db: await this.db(), scheduler: (logger: Logger) => this.scheduler(logger) };
	}

	async env(): Promise<Record<string, string>> {
		return { FOYER_DATA_DIR: this.dir };
	}

	async cleanup(): Promise<void> {
		await this.closeDb();
		if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
	}
}

class PostgresRedisBackend extends BaseBackend implements Backend {
	readonly name = 'postgresql+bullmq' as const;
	readonly dialect = 'postgresql' as const;
	readonly id = suiteId();
	readonly schema = `foyer_test_${this.id}`;
	readonly queue = `foyer-test-${this.id}`;
	#schemaCreated = false;

	constructor(
		readonly postgresUrl: string,
		readonly redisUrl: string,
	) {
		super();
	}

	protected async open(): Promise<Database> {
		if (!this.#schemaCreated) {
			await adminQuery(this.postgresUrl, `create schema if not exists "${this.schema}"`);
			this.#schemaCreated = true;
		}
		return Database.open({ url: this.postgresUrl, schema: this.schema });
	}

	/** When each job falls due by the test clock, across the restarts of one suite. */
	readonly #dueAt = new Map<string, number>();

	scheduler(logger: Logger, clock?: Clock): Scheduler {
		return clock
			? new ClockedBullMqScheduler(this.redisUrl, logger, this.queue, clock, this.#dueAt)
			: new BullMqScheduler(this.redisUrl, logger, this.queue);
	}

	async harnessOptions() {
		return { db: await this.db(), scheduler: (logger: Logger) => this.scheduler(logger) };
	}

	async env(): Promise<Record<string, string>> {
		if (!this.#schemaCreated) await this.db();
		return {
			DATABASE_URL: this.postgresUrl,
			DATABASE_SCHEMA: this.schema,
			REDIS_URL: this.redisUrl,
			REDIS_QUEUE: this.queue,
		};
	}

	async cleanup(): Promise<void> {
		await this.closeDb();
		await obliterateQueue(this.redisUrl, this.queue).catch(() => undefined);
		if (this.#schemaCreated) await adminQuery(this.postgresUrl, `drop schema if exists "${this.schema}" cascade`);
	}
}

async function adminQuery(url: string, sql: string): Promise<void> {
	const pg = (await import('pg')).default;
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

async function obliterateQueue(redisUrl: string, queue: string): Promise<void> {
	const { Queue } = await import('bullmq');
	const { redisConnection } = await import('../core/scheduling/bullmq-scheduler.ts');
	const q = new Queue(queue, { connection: redisConnection(redisUrl) });
	try {
		await q.obliterate({ force: true });
	} finally {
		await q.close();
	}
}

/** PostgreSQL and Redis for the second backend (CI sets both; see .ci/run). */
export function serviceUrls(): { postgres?: string; redis?: string } {
	return {
		...(process.env.FOYER_TEST_POSTGRES_URL ? { postgres: process.env.FOYER_TEST_POSTGRES_URL } : {}),
		...(process.env.FOYER_TEST_REDIS_URL ? { redis: process.env.FOYER_TEST_REDIS_URL } : {}),
	};
}

/**
 * Runs a describe block once per backend: SQLite file + embedded scheduler always, PostgreSQL +
 * Redis/BullMQ when FOYER_TEST_POSTGRES_URL and FOYER_TEST_REDIS_URL are set. Without them that run
 * is skipped with a line saying so, or fails under FOYER_REQUIRE_ALL_SUITES=1 (CI provides both, so a
 * skip there would hide a broken setup). The block gets its backend; call `backend.cleanup()` in
 * its `afterAll`, after stopping Foyer.
 *
 *     describeOnBackends('auto roles', (backend) => {
 *       let h: FoyerHarness;
 *       beforeAll(async () => { h = await startFoyerWithEmulator(['autoroles'], { from: 'plugins', ...(await backend.harnessOptions()) }); });
 *       afterAll(async () => { await h?.stop(); await backend.cleanup(); });
 *     });
 */
export function describeOnBackends(name: string, fn: (backend: Backend) => void): void {
	describe(`${name} [sqlite+embedded]`, () => fn(new SqliteBackend()));
	describeOnPostgresRedis(name, fn);
}

/**
 * Only the PostgreSQL + BullMQ (Redis) backend, for behaviour the SQLite backend does not have (a
 * Redis restart, BullMQ's own job store). Fails instead of skipping under FOYER_REQUIRE_ALL_SUITES=1.
 */
export function describeOnPostgresRedis(name: string, fn: (backend: Backend) => void): void {
	const { postgres, redis } = serviceUrls();
	const title = `${name} [postgresql+bullmq]`;
	if (postgres && redis) {
		describe(title, () => fn(new PostgresRedisBackend(postgres, redis)));
		return;
	}
	const missing = [postgres ? null : 'FOYER_TEST_POSTGRES_URL', redis ? null : 'FOYER_TEST_REDIS_URL'].filter(Boolean);
	if (process.env.FOYER_REQUIRE_ALL_SUITES === '1') {
		describe(title, () => {
			it(`needs PostgreSQL and Redis: set ${missing.join(' and ')}`, () => {
				throw new Error(`${title} required (FOYER_REQUIRE_ALL_SUITES=1) but ${missing.join(' and ')} not set`);
			});
		});
		return;
	}
	console.warn(`[skipped] ${title}: set ${missing.join(' and ')} to run it`);
	describe.skip(title, () => fn(new SqliteBackend()));
}

/** A SQLite file in a fresh temp folder with the embedded scheduler on it (the default of startTestFoyer). */
export function sqliteBackend(): Backend {
	return new SqliteBackend();
}

/** The backends available in this environment, for a script (a benchmark) rather than a test file. */
export function availableBackends(): Backend[] {
	const { postgres, redis } = serviceUrls();
	return [new SqliteBackend(), ...(postgres && redis ? [new PostgresRedisBackend(postgres, redis)] : [])];
}
