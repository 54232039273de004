import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../core/database/database.ts';

/** A database a suite runs against; `open()` again after closing is the same data (as after a restart). */
export interface TestDatabase {
	dialect: 'sqlite' | 'postgresql';
	/** Opens (or re-opens) the same database. */
	open(): Promise<Database>;
	/** Removes it (the file, or the PostgreSQL schema). */
	cleanup(): Promise<void>;
}

/** PostgreSQL for the dual-database suites (CI sets it: postgres://postgres@127.0.0.1:5432/test). */
export function testPostgresUrl(): string | undefined {
	return process.env.FOYER_TEST_POSTGRES_URL || undefined;
}

/** A real SQLite file in a temp folder. */
export function sqliteTestDatabase(): TestDatabase {
	const dir = mkdtempSync(join(tmpdir(), 'foyer-db-'));
	return {
		dialect: 'sqlite',
		open: () => Database.open({ sqlitePath: join(dir, 'foyer.db') }),
		cleanup: async () => rmSync(dir, { recursive: true, force: true }),
	};
}

/** A fresh schema in the test PostgreSQL database (FOYER_TEST_POSTGRES_URL), dropped at cleanup. */
export function postgresTestDatabase(url = testPostgresUrl()): TestDatabase {
	if (!url) throw new Error('PostgreSQL is not configured: set FOYER_TEST_POSTGRES_URL');
	const schema = `foyer_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	let created = false;
	const admin = async (sql: string) => {
		const pg = (await import('pg')).default;
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		try {
			await client.query(sql);
		} finally {
			await client.end();
		}
	};
	return {
		dialect: 'postgresql',
		open: async () => {
			if (!created) {
				await admin(`create schema if not exists "${schema}"`);
				created = true;
			}
			return Database.open({ url, schema });
		},
		cleanup: () => admin(`drop schema if exists "${schema}" cascade`),
	};
}

/**
 * The databases a persistence suite runs against: SQLite always, PostgreSQL when
 * FOYER_TEST_POSTGRES_URL is set. Under FOYER_REQUIRE_ALL_SUITES=1 (CI) a missing PostgreSQL is an
 * error rather than a silent half run. Use as `describe.each(testDatabases())('on $dialect', ...)`-style
 * factories: each call of an entry makes a new, empty database.
 */
export function testDatabases(): (() => TestDatabase)[] {
	if (testPostgresUrl()) return [sqliteTestDatabase, () => postgresTestDatabase()];
	if (process.env.FOYER_REQUIRE_ALL_SUITES === '1')
		throw new Error('PostgreSQL suites required (FOYER_REQUIRE_ALL_SUITES=1) but FOYER_TEST_POSTGRES_URL is not set');
	return [sqliteTestDatabase];
}
