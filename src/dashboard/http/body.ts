import type { IncomingMessage } from 'node:http';
import { coreText } from '../../core/i18n/core-text.ts';

/** A body the dashboard refuses; `key` (`dashboard.error.body.<key>`) words it in the page's language. */
export class BodyError extends Error {
	constructor(
		readonly status: 400 | 413 | 415,
		readonly key: 'tooLarge' | 'mediaType' | 'badJson' | 'notObject' | 'notText',
		readonly vars: Record<string, string | number> = {},
	) {
		super(coreText(`dashboard.error.body.${key}`, 'en-US', vars));
	}
}

export type FormFields = Record<string, string | string[]>;

/**
 * Reads a state-changing request's body once, within `maxBytes`, as a URL-encoded form or JSON
 * object. plugin-api has no body parser and its readers consume the stream, so the dashboard's
 * guard reads it here (the CSRF field is in it) and hands the result to the route.
 */
export async function readFormBody(request: IncomingMessage, maxBytes: number): Promise<FormFields> {
	const declared = Number(request.headers['content-length'] ?? 0);
	if (declared > maxBytes) throw new BodyError(413, 'tooLarge', { max: maxBytes });
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > maxBytes) throw new BodyError(413, 'tooLarge', { max: maxBytes });
		chunks.push(chunk);
	}
	const text = Buffer.concat(chunks).toString('utf8');
	const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
	if (text === '') return {};
	if (type === 'application/x-www-form-urlencoded') return fieldsOf(new URLSearchParams(text));
	if (type === 'application/json') return jsonFields(text);
	throw new BodyError(415, 'mediaType');
}

function fieldsOf(params: URLSearchParams): FormFields {
	const out: FormFields = {};
	for (const [key, value] of params) {
		const prev = out[key];
		out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
	}
	return out;
}

function jsonFields(text: string): FormFields {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new BodyError(400, 'badJson');
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BodyError(400, 'notObject');
	const out: FormFields = {};
	for (const [key, value] of Object.entries(parsed)) {
		if (typeof value === 'string') out[key] = value;
		else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
		else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) out[key] = value;
		else throw new BodyError(400, 'notText', { field: key });
	}
	return out;
}

/** The single value of a field (the last one when it was sent several times). */
export function field(fields: FormFields, name: string): string | undefined {
	const value = fields[name];
	return Array.isArray(value) ? value[value.length - 1] : value;
}
