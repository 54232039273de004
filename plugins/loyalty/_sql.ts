import type { EntityManager } from '@mikro-orm/core';

type Row = Record<string, unknown>;

/**
 * Raw SQL on an EntityManager, inside its transaction when it has one. The ledger's hot path uses
 * statements the ORM cannot express portably (`insert ... on conflict ... returning`), written once
 * for both SQLite and PostgreSQL. Numbers come back as numbers (pg answers int8 as text).
 */
export function sqlOn(em: EntityManager) {
	return async <T extends Row = Row>(query: string, params: unknown[] = []): Promise<T[]> => {
		const rows = (await em.getConnection().execute(query, params as never[], 'all', em.getTransactionContext())) as T[];
		return rows;
	};
}

/** A column that may come back as a string (pg int8) or a number (SQLite), as a number or null. */
export function num(value: unknown): number | null {
	if (value === null || value === undefined) return null;
	return typeof value === 'number' ? value : Number(value);
}
