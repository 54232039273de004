import type { EntityManager } from '@mikro-orm/core';
import plugin from './plugin.ts';

type Row = Record<string, unknown>;

/** Runs one statement: in the transaction it was made for, if any. */
export type Sql = <T extends Row = Row>(query: string, params?: unknown[]) => Promise<T[]>;

/**
 * Raw SQL on an EntityManager, inside its transaction when it has one. The ledger's hot path uses
 * statements the ORM cannot express portably (`insert ... on conflict ... returning`), written once
 * for both SQLite and PostgreSQL.
 */
export function sqlOn(em: EntityManager): Sql {
	return async <T extends Row = Row>(query: string, params: unknown[] = []) =>
		(await em.getConnection().execute(query, params as never[], 'all', em.getTransactionContext())) as T[];
}

/**
 * Runs `work` in one database transaction (all or nothing), on the connection directly: a delivery's
 * few statements need no unit of work, and skipping it costs noticeably less per delivery.
 */
export function transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
	const connection = plugin.em().getConnection();
	return connection.transactional(async (trx) =>
		work(
			async <R extends Row = Row>(query: string, params: unknown[] = []) =>
				(await connection.execute(query, params as never[], 'all', trx)) as R[],
		),
	);
}

/** A column that may come back as a string (pg int8) or a number (SQLite), as a number or null. */
export function num(value: unknown): number | null {
	if (value === null || value === undefined) return null;
	return typeof value === 'number' ? value : Number(value);
}
