import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/core/database/database.ts';
import { postgresUrl } from './services.ts';

export interface TestDatabase {
	dialect: 'sqlite' | 'postgresql';
	/** Opens (or re-opens, as after a restart) the same database. */
	open(): Promise<Database>;
	cleanup(): Promise<void>;
}

/** A real SQLite file in a temp folder. */
export function sqliteDatabase(): TestDatabase {
	const dir = mkdtempSync(join(tmpdir(), 'foyer-db-'));
	return {
		dialect: 'sqlite',
		open: () => Database.open({ sqlitePath: join(dir, 'foyer.db') }),
		cleanup: async () => rmSync(dir, { recursive: true, force: true }),
	};
}

/** A fresh schema in the test PostgreSQL database, dropped afterwards, so suites never collide. */
export function postgresDatabase(): TestDatabase {
	const url = postgresUrl() as string;
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

/** The databases every persistence test runs against: SQLite always, PostgreSQL when configured. */
export function testDatabases(): (() => TestDatabase)[] {
	return postgresUrl() ? [sqliteDatabase, postgresDatabase] : [sqliteDatabase];
}
