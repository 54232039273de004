import { fieldError } from '../errors.ts';

/** Query strings and JSON bodies checked the way Discord answers bad input: 50035 with the field's path. */

// One implementation of the shared readers (rest/request-input.ts); re-exported for the guild routes.
export { bodyObject, isSnowflake } from './request-input.ts';

import { isSnowflake } from './request-input.ts';

/** Discord's boolean query strings: `true`, `True` and `1` are true. */
export function queryFlag(query: URLSearchParams, name: string): boolean {
	const value = query.get(name);
	return value === 'true' || value === 'True' || value === '1';
}

export function queryInt(query: URLSearchParams, name: string, min: number, max: number, fallback: number): number {
	const raw = query.get(name);
	if (raw === null || raw === '') return fallback;
	const value = Number(raw);
	if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value))
		throw fieldError(name, 'NUMBER_TYPE_COERCE', `Value "${raw}" is not int.`);
	return checkRange(value, name, min, max);
}

export function querySnowflake(query: URLSearchParams, name: string): string | null {
	const raw = query.get(name);
	if (raw === null || raw === '') return null;
	if (!isSnowflake(raw)) throw fieldError(name, 'NUMBER_TYPE_COERCE', `Value "${raw}" is not snowflake.`);
	return raw;
}

/** An optional integer body field; `null` and absent give `fallback`. */
export function bodyInt(value: unknown, field: string, min: number, max: number, fallback: number): number {
	if (value === undefined || value === null) return fallback;
	if (typeof value !== 'number' || !Number.isInteger(value))
		throw fieldError(field, 'NUMBER_TYPE_COERCE', `Value "${String(value)}" is not int.`);
	return checkRange(value, field, min, max);
}

export function bodyBool(value: unknown, field: string): boolean | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'boolean') throw fieldError(field, 'BASE_TYPE_BOOLEAN', 'Must be either true or false.');
	return value;
}

export function snowflakeList(value: unknown, field: string): string[] {
	if (!Array.isArray(value)) throw fieldError(field, 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
	for (const [i, id] of value.entries())
		if (!isSnowflake(id))
			throw fieldError(`${field}.${i}`, 'NUMBER_TYPE_COERCE', `Value "${String(id)}" is not snowflake.`);
	return value as string[];
}

function checkRange(value: number, field: string, min: number, max: number): number {
	if (value < min) throw fieldError(field, 'NUMBER_TYPE_MIN', `int value should be greater than or equal to ${min}.`);
	if (value > max) throw fieldError(field, 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${max}.`);
	return value;
}
