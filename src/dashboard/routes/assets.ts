import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Route } from '@sapphire/plugin-api';

const require = createRequire(import.meta.url);

/** The few static files the dashboard needs, read once: htmx from node_modules (no CDN) and the stylesheet. */
const FILES: Record<string, { path: () => string; type: string }> = {
	'htmx.min.js': { path: () => require.resolve('htmx.org/dist/htmx.min.js'), type: 'text/javascript; charset=utf-8' },
	'foyer.css': {
		path: () => fileURLToPath(new URL('../../../views/assets/foyer.css', import.meta.url)),
		type: 'text/css; charset=utf-8',
	},
	'discord.css': {
		path: () => fileURLToPath(new URL('../../../views/assets/discord.css', import.meta.url)),
		type: 'text/css; charset=utf-8',
	},
};

export class DashboardAssetsRoute extends Route {
	readonly #cache = new Map<string, Buffer>();

	constructor(context: Route.LoaderContext) {
		super(context, { route: 'assets/[file]', methods: ['GET'], access: 'public' });
	}

	override run(request: Route.Request, response: Route.Response) {
		const name = String(request.params.file ?? '');
		const file = Object.hasOwn(FILES, name) ? FILES[name] : undefined;
		if (!file) return response.status(404).text('Not found');
		let bytes = this.#cache.get(name);
		if (!bytes) {
			bytes = readFileSync(file.path());
			this.#cache.set(name, bytes);
		}
		response.writeHead(200, {
			'Content-Type': file.type,
			'Content-Length': bytes.length,
			'Cache-Control': 'public, max-age=3600',
			'X-Content-Type-Options': 'nosniff',
		});
		response.end(bytes);
	}
}
