import type { EntityManager } from '@mikro-orm/core';

export interface Migration {
	name: string;
	up(ctx: {
		execute(sql: string, params?: unknown[]): Promise<unknown>;
		dialect: 'sqlite' | 'postgresql';
	}): Promise<void>;
}

/**
 * Per-plugin migrations. MikroORM's migrator has one migrations path per configuration; each Foyer
 * plugin ships its own ordered list instead, recorded by (owner, name) in one core table, each run in
 * its own transaction so a failing migration leaves nothing half-applied.
 */
export async function runMigrations(
	em: EntityManager,
	dialect: 'sqlite' | 'postgresql',
	owner: string,
	migrations: readonly Migration[],
): Promise<string[]> {
	const conn = em.getConnection();
	await conn.execute(
		'create table if not exists foyer_migrations (owner varchar(64) not null, name varchar(255) not null, executed_at varchar(32) not null, primary key (owner, name))',
	);
	const rows = (await conn.execute('select name from foyer_migrations where owner = ?', [owner])) as { name: string }[];
	const done = new Set(rows.map((r) => r.name));
	const applied: string[] = [];
	for (const migration of migrations) {
		if (done.has(migration.name)) continue;
		try {
			await em.transactional(async (tx) => {
				const txConn = tx.getConnection();
				const ctx = {
					dialect,
					execute: (sql: string, params: unknown[] = []) =>
						txConn.execute(sql, params as never[], 'all', tx.getTransactionContext()),
				};
				await migration.up(ctx);
				await txConn.execute(
					'insert into foyer_migrations (owner, name, executed_at) values (?, ?, ?)',
					[owner, migration.name, new Date().toISOString()],
					'run',
					tx.getTransactionContext(),
				);
			});
		} catch (error) {
			throw new Error(
				`Migration "${migration.name}" of "${owner}" failed and was rolled back: ${error instanceof Error ? error.message : String(error)}`,
			);
		}
		applied.push(migration.name);
	}
	return applied;
}
