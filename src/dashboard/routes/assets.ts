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
	'favicon.svg': {
		path: () => fileURLToPath(new URL('../../../views/assets/favicon.svg', import.meta.url)),
		type: 'image/svg+xml',
	},
	'discord.css': {
		path: () => fileURLToPath(new URL('../../../views/assets/discord.css', import.meta.url)),
		type: 'text/css; charset=utf-8',
	},
};

const cache = new Map<string, Buffer>();

/** Sends one of FILES (read once, then from memory); false when there is no such file. */
export function sendAsset(response: Route.Response, name: string): boolean {
	const file = Object.hasOwn(FILES, name) ? FILES[name] : undefined;
	if (!file) return false;
	let bytes = cache.get(name);
	if (!bytes) {
		bytes = readFileSync(file.path());
		cache.set(name, bytes);
	}
	response.writeHead(200, {
		'Content-Type': file.type,
		'Content-Length': bytes.length,
		'Cache-Control': 'public, max-age=3600',
		'X-Content-Type-Options': 'nosniff',
	});
	response.end(bytes);
	return true;
}

export class DashboardAssetsRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'assets/[file]', methods: ['GET'], access: 'public' });
	}

	override run(request: Route.Request, response: Route.Response) {
		if (!sendAsset(response, String(request.params.file ?? ''))) response.status(404).text('Not found');
	}
}
