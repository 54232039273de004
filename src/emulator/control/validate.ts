import { z } from 'zod';
import { ApiError } from '../errors.ts';
import { isSnowflake } from '../snowflake.ts';

export const snowflake = z.string().refine(isSnowflake, 'must be a snowflake (a decimal id string)');

/** Parses a control-call body; a bad one is a 400 whose message names each bad field. */
export function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
	const result = schema.safeParse(value ?? {});
	if (result.success) return result.data;
	const detail = result.error.issues
		.map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`)
		.join('; ');
	throw new ApiError(400, 0, `Invalid control call: ${detail}`);
}

export function badRequest(message: string): ApiError {
	return new ApiError(400, 0, message);
}
