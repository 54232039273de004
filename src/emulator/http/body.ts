import type { IncomingMessage } from 'node:http';
import { ApiError } from '../errors.ts';

/** A file part of a multipart body. */
export interface UploadedFile {
	field: string;
	name: string;
	size: number;
	text: string;
}

export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > MAX_BODY_BYTES) throw new ApiError(413, 40005, 'Request entity too large');
		chunks.push(chunk as Buffer);
	}
	return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

/**
 * Parses a request body the way Discord accepts it: JSON, form-urlencoded (OAuth2), or
 * multipart with a `payload_json` part (discord.js sends files that way).
 */
export async function parseBody(req: IncomingMessage, raw: Buffer): Promise<unknown> {
	if (raw.length === 0) return undefined;
	const type = (req.headers['content-type'] ?? '').toLowerCase();
	if (type.startsWith('application/x-www-form-urlencoded')) {
		return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
	}
	if (type.startsWith('multipart/form-data')) {
		const form = await new Request('http://emulator.invalid/', {
			method: 'POST',
			headers: { 'content-type': type },
			body: raw,
		}).formData();
		const json = form.get('payload_json');
		const body = typeof json === 'string' ? parseJson(json) : {};
		// Routes that read a file's content (a target-users CSV) find it in `text`; messages only count files.
		const files: UploadedFile[] = [];
		for (const [field, value] of form.entries())
			if (typeof value !== 'string')
				files.push({ field, name: value.name, size: value.size, text: await value.text() });
		return { ...(body as object), __files: files };
	}
	return parseJson(raw.toString('utf8'));
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		throw new ApiError(400, 50109, 'The request body contains invalid JSON.');
	}
}
