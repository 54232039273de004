import { type Platform, Type } from '@mikro-orm/core';

const DIGITS = /^\d{1,20}$/;

/**
 * Discord ids, exactly: a JS string always (never a number, which loses digits past 2^53),
 * stored as `bigint` on PostgreSQL (pg returns int8 as a string) and as `text` on SQLite
 * (whose integer affinity would round-trip through doubles in some drivers).
 */
export class SnowflakeType extends Type<string | null | undefined, string | null | undefined> {
	override convertToDatabaseValue(value: string | null | undefined): string | null | undefined {
		if (value === null || value === undefined) return value;
		if (typeof value !== 'string' || !DIGITS.test(value))
			throw new TypeError(`A snowflake must be a string of digits, got ${JSON.stringify(value)}`);
		return value;
	}

	override convertToJSValue(value: string | null | undefined): string | null | undefined {
		return value === null || value === undefined ? value : String(value);
	}

	override getColumnType(_prop: unknown, platform: Platform): string {
		return isPostgres(platform) ? 'bigint' : 'text';
	}

	override compareAsType(): string {
		return 'string';
	}
}

export function isPostgres(platform: Platform): boolean {
	return platform.constructor.name.toLowerCase().includes('postgre');
}
