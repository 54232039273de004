import { Errors, fieldError } from '../errors.ts';
import { isSnowflake } from '../snowflake.ts';

/**
 * Request input read the way Discord answers bad input: 50035 naming the query parameter or body
 * field. The one set of readers every REST route uses.
 */

export const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** A 50035 about the body as a whole (`errors._errors`). */
export function rootError(code: string, message: string) {
	return Errors.invalidFormBody({ _errors: [{ code, message }] });
}

/** The JSON body as an object; an absent body reads as `{}`. */
export function bodyObject(body: unknown): Record<string, unknown> {
	if (body === undefined || body === null) return {};
	if (!isObject(body)) throw rootError('DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
	return body;
}

function checkRange(value: number, field: string, min: number, max: number): number {
	if (value < min) throw fieldError(field, 'NUMBER_TYPE_MIN', `int value should be greater than or equal to ${min}.`);
	if (value > max) throw fieldError(field, 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${max}.`);
	return value;
}

/** Discord's boolean query strings: `true`, `True` and `1` are true. */
export function queryFlag(query: URLSearchParams, name: string): boolean {
	const value = query.get(name);
	return value === 'true' || value === 'True' || value === '1';
}

/** An integer query parameter in `[min, max]`; absent gives `fallback`. */
export function queryInt(query: URLSearchParams, name: string, min: number, max: number, fallback: number): number {
	const raw = query.get(name);
	if (raw === null || raw === '') return fallback;
	const value = Number(raw);
	if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value))
		throw fieldError(name, 'NUMBER_TYPE_COERCE', `Value "${raw}" is not int.`);
	return checkRange(value, name, min, max);
}

/** A snowflake query parameter as a bigint (for ordering), or null when absent. */
export function querySnowflake(query: URLSearchParams, name: string): bigint | null {
	const raw = query.get(name);
	if (raw === null || raw === '') return null;
	if (!isSnowflake(raw)) throw fieldError(name, 'NUMBER_TYPE_COERCE', `Value "${raw}" is not snowflake.`);
	return BigInt(raw);
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

/** A required snowflake body field. */
export function bodySnowflake(value: unknown, field: string): string {
	if (value === undefined || value === null) throw fieldError(field, 'BASE_TYPE_REQUIRED', 'This field is required');
	if (!isSnowflake(value)) throw fieldError(field, 'NUMBER_TYPE_COERCE', `Value "${String(value)}" is not snowflake.`);
	return value;
}

export function snowflakeList(value: unknown, field: string): string[] {
	if (!Array.isArray(value)) throw fieldError(field, 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
	for (const [i, id] of value.entries())
		if (!isSnowflake(id))
			throw fieldError(`${field}.${i}`, 'NUMBER_TYPE_COERCE', `Value "${String(id)}" is not snowflake.`);
	return value as string[];
}

/** Ids in ascending snowflake order. */
export function byId<T extends { id: string }>(a: T, b: T): number {
	return compareIds(a.id, b.id);
}

export function compareIds(a: string, b: string): number {
	const x = BigInt(a);
	const y = BigInt(b);
	return x < y ? -1 : x > y ? 1 : 0;
}
