import type { ServerResponse } from 'node:http';

/** A JSON answer for machines (the shop's webhook client), never cached. */
export function sendJson(response: ServerResponse, status: number, body: object, headers: Record<string, string> = {}) {
	if (response.writableEnded) return;
	const text = JSON.stringify(body);
	response.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		'Cache-Control': 'no-store',
		'X-Content-Type-Options': 'nosniff',
		...headers,
	});
	response.end(text);
}
