import { resolve } from 'node:path';
import { defineConfig as definePostgres } from '@mikro-orm/postgresql';
import { defineConfig as defineSqlite } from '@mikro-orm/sqlite';
import { coreEntities } from './src/core/database/database.ts';

/**
 * For the MikroORM CLI and tools. Foyer itself opens the database through
 * src/core/database/database.ts (same choice: PostgreSQL with DATABASE_URL, else SQLite in data/)
 * and registers plugins' entities at runtime; `npm run migrate` applies plugins' migrations.
 */
const url = process.env.DATABASE_URL;
export default url && /^postgres(ql)?:\/\//.test(url)
	? definePostgres({ clientUrl: url, entities: coreEntities })
	: defineSqlite({ dbName: resolve(process.env.FOYER_DATA_DIR ?? 'data', 'foyer.db'), entities: coreEntities });
