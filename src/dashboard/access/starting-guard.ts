import type { ApiRequest, ApiResponse } from '@sapphire/plugin-api';
import { Middleware } from '@sapphire/plugin-api';

/**
 * The HTTP server listens from before login, but plugin routes exist only once the plugins are
 * loaded: until then every request is a 503 with Retry-After (a shop retries it), not a 404 that
 * says the route does not exist (a shop may give up on it, losing a delivery sent during a restart).
 * The answer is JSON for programs and stays English: no server's language is known yet (settings
 * load with the plugins), and what a client acts on is the status and Retry-After, not the words.
 */
export class StartingGuard extends Middleware {
	constructor(context: Middleware.LoaderContext) {
		super(context, { position: 5 });
	}

	override run(_request: ApiRequest, response: ApiResponse) {
		if (this.container.plugins?.ready !== false) return;
		const body = JSON.stringify({ error: 'starting', message: 'Foyer is starting; try again in a moment.' });
		response.writeHead(503, {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Length': Buffer.byteLength(body),
			'Retry-After': '1',
			'Cache-Control': 'no-store',
		});
		response.end(body);
	}
}
