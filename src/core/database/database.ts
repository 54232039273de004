import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AnyEntity, EntityManager, EntitySchema, MikroORM } from '@mikro-orm/core';
import { PluginGuildState } from './entities/plugin-guild-state.ts';
import { ScheduledJob } from './entities/scheduled-job.ts';
import { type Migration, runMigrations } from './migration-runner.ts';

export const coreEntities = [PluginGuildState, ScheduledJob];

export interface DatabaseOptions {
	/** postgres:// URL; anything else means SQLite at `sqlitePath`. */
	url?: string;
	sqlitePath?: string;
	/** PostgreSQL schema (tests use one per suite). */
	schema?: string;
	debug?: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: entity schemas are generic over their entity types
type AnySchema = EntitySchema<any, any>;

/**
 * The core's database: SQLite by default (a file in data/, WAL), PostgreSQL with DATABASE_URL.
 * Plugins' entities are discovered at runtime and their tables created with a safe schema update,
 * which only adds: it never drops or rewrites tables, including other plugins' tables this process
 * does not know about.
 */
export class Database {
	readonly #owners = new Map<string, AnySchema[]>();

	private constructor(
		readonly orm: MikroORM,
		readonly dialect: 'sqlite' | 'postgresql',
	) {}

	static async open(options: DatabaseOptions = {}): Promise<Database> {
		const postgres = options.url !== undefined && /^postgres(ql)?:\/\//.test(options.url);
		let orm: MikroORM;
		if (postgres) {
			const { MikroORM: PgORM } = await import('@mikro-orm/postgresql');
			const schema = options.schema;
			if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid PostgreSQL schema name "${schema}"`);
			orm = await PgORM.init({
				clientUrl: options.url,
				entities: coreEntities,
				debug: options.debug ?? false,
				allowGlobalContext: false,
				...(schema
					? {
							schema,
							// Raw SQL (plugin migrations) must land in the schema too. Kysely only reads `sql`
							// and `parameters` of a compiled query, so a plain object is enough here.
							onCreateConnection: async (connection: unknown) => {
								const sql = `set search_path to "${schema}"`;
								await (connection as { executeQuery(q: unknown): Promise<unknown> }).executeQuery({
									sql,
									parameters: [],
									query: { kind: 'RawNode', sqlFragments: [sql], parameters: [] },
									queryId: { queryId: 'foyer-search-path' },
								});
							},
						}
					: {}),
			});
			onlyOwnSchema(orm, options.schema ?? 'public');
		} else {
			const path = options.sqlitePath ?? 'data/foyer.db';
			if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
			const { MikroORM: SqliteORM } = await import('@mikro-orm/sqlite');
			orm = await SqliteORM.init({
				dbName: path,
				entities: coreEntities,
				debug: options.debug ?? false,
				allowGlobalContext: false,
			});
			// WAL lets readers run beside the writer; NORMAL is durable enough with WAL. A write lock held by
			// another process is waited for briefly only: better-sqlite3 waits synchronously, so a long busy
			// timeout would freeze the whole process (gateway, interactions) for its length on every
			// statement. Past it the write fails with SQLITE_BUSY and is retried with backoff, without
			// blocking (batched records, plugin listeners and tasks: see database-unavailable.ts).
			const native = (await orm.em.getConnection().getNativeClient()) as { pragma(sql: string): unknown };
			native.pragma('journal_mode = WAL');
			native.pragma('synchronous = NORMAL');
			native.pragma('busy_timeout = 250');
			native.pragma('foreign_keys = ON');
		}
		const db = new Database(orm, postgres ? 'postgresql' : 'sqlite');
		await db.#safeUpdate();
		return db;
	}

	em(): EntityManager {
		return this.orm.em.fork();
	}

	async registerEntities(owner: string, entities: readonly AnySchema[]): Promise<void> {
		this.#owners.set(owner, [...entities]);
		// A reload brings new schema objects for the same entities: replace their metadata by name.
		const names = entities.map((e) => e.meta.className);
		this.orm.discoverEntity([...entities] as never, names as never);
		await this.#safeUpdate();
	}

	/** Forgets a plugin's entities; its tables and rows stay for when it comes back. */
	async unregisterEntities(owner: string): Promise<void> {
		this.#owners.delete(owner);
	}

	runMigrations(owner: string, migrations: readonly Migration[]): Promise<string[]> {
		return runMigrations(this.em(), this.dialect, owner, migrations);
	}

	async close(): Promise<void> {
		await this.orm.close(true);
	}

	async #safeUpdate(): Promise<void> {
		await this.orm.schema.update({ safe: true, dropTables: false });
	}
}

export type { AnyEntity };

/**
 * MikroORM's schema diff reads the tables, columns and indexes of every schema in the database,
 * with casts that fail when another schema is dropped meanwhile (other apps, or parallel test
 * suites): "schema ... does not exist". Foyer's tables live in one schema, so introspect only that.
 */
function onlyOwnSchema(orm: MikroORM, schema: string): void {
	const helper = orm.em.getPlatform().getSchemaHelper() as unknown as {
		getIgnoredNamespacesConditionSQL(column?: string): string;
	};
	helper.getIgnoredNamespacesConditionSQL = (column = 'schema_name') => `"${column}" = '${schema}'`;
}
