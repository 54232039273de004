import type { EntityManager } from '@mikro-orm/core';
import plugin from '../plugin.ts';

type Row = Record<string, unknown>;

/** Runs one statement (`?` placeholders, written once for SQLite and PostgreSQL), in a transaction if given one. */
export type Sql = <T extends Row = Row>(query: string, params?: unknown[]) => Promise<T[]>;

export function sqlOn(em: EntityManager = plugin.em()): Sql {
	return async <T extends Row = Row>(query: string, params: unknown[] = []) =>
		(await em.getConnection().execute(query, params as never[], 'all', em.getTransactionContext())) as T[];
}

/** `work` in one transaction: all of its statements or none. */
export function transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
	const connection = plugin.em().getConnection();
	return connection.transactional(async (trx) =>
		work(
			async <R extends Row = Row>(query: string, params: unknown[] = []) =>
				(await connection.execute(query, params as never[], 'all', trx)) as R[],
		),
	);
}

/** A column that may come back as a string (pg int8) or a number (SQLite). */
export function num(value: unknown): number {
	if (value === null || value === undefined) return 0;
	return typeof value === 'number' ? value : Number(value);
}

export const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : num(value));

/** A boolean column (SQLite gives 0/1). */
export const bool = (value: unknown): boolean => value === true || value === 1 || value === '1' || value === 't';

/** A json column: parsed by the driver on PostgreSQL, text on SQLite. */
export function json<T>(value: unknown, fallback: T): T {
	if (value === null || value === undefined) return fallback;
	if (typeof value === 'string') {
		try {
			return JSON.parse(value) as T;
		} catch {
			return fallback;
		}
	}
	return value as T;
}

/** A boolean parameter: MikroORM writes it as a `true` / `false` literal, which both databases read. */
export const bit = (value: boolean): boolean => value;
