import { Errors, fieldError } from '../errors.ts';

/** Request input read the way Discord answers bad input: 50035 naming the parameter or field. */

const SNOWFLAKE = /^\d{1,20}$/;

export function isSnowflake(value: unknown): value is string {
	return typeof value === 'string' && SNOWFLAKE.test(value);
}

/** An integer parameter in `[min, max]`; absent gives `fallback`. */
export function intParam(query: URLSearchParams, name: string, min: number, max: number, fallback: number): number {
	const raw = query.get(name);
	if (raw === null || raw === '') return fallback;
	if (!/^-?\d+$/.test(raw)) throw fieldError(name, 'NUMBER_TYPE_COERCE', `Value "${raw}" is not int.`);
	const value = Number(raw);
	if (value < min) throw fieldError(name, 'NUMBER_TYPE_MIN', `int value should be greater than or equal to ${min}.`);
	if (value > max) throw fieldError(name, 'NUMBER_TYPE_MAX', `int value should be less than or equal to ${max}.`);
	return value;
}

/** A snowflake parameter, or null when absent. */
export function snowflakeParam(query: URLSearchParams, name: string): bigint | null {
	const raw = query.get(name);
	if (raw === null || raw === '') return null;
	if (!isSnowflake(raw)) throw fieldError(name, 'NUMBER_TYPE_COERCE', `Value "${raw}" is not snowflake.`);
	return BigInt(raw);
}

/** Discord's boolean query strings: `true`, `True` and `1` are true. */
export function boolParam(query: URLSearchParams, name: string): boolean {
	const value = query.get(name);
	return value === 'true' || value === 'True' || value === '1';
}

/** Ids in ascending snowflake order. */
export function byId<T extends { id: string }>(a: T, b: T): number {
	const x = BigInt(a.id);
	const y = BigInt(b.id);
	return x < y ? -1 : x > y ? 1 : 0;
}

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
