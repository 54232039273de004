import type { IncomingMessage } from 'node:http';
import type { EmApplication } from '../world/types.ts';
import type { World } from '../world/world.ts';

export interface OAuthGrant {
	accessToken: string;
	userId: string;
	appId: string;
	scopes: string[];
	expiresAt: number;
}

export interface RouteContext {
	world: World;
	params: Record<string, string>;
	query: URLSearchParams;
	// biome-ignore lint/suspicious/noExplicitAny: request bodies are validated by each route
	body: any;
	/** The application of a `Bot` token. */
	app: EmApplication | null;
	/** The grant of a `Bearer` token. */
	grant: OAuthGrant | null;
	/** `X-Audit-Log-Reason`, decoded. */
	reason: string | null;
	req: IncomingMessage;
}

export type RouteAuth = 'bot' | 'bearer' | 'bot-or-bearer' | 'none';

export interface RestRoute {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	/** find-my-way path under `/api/v10`, e.g. `/channels/:channel_id/messages`. */
	path: string;
	auth: RouteAuth;
	/** Name in the bucket table (rest/ratelimit.ts). */
	bucket?: string;
	/** Interaction callbacks and webhook-token routes do not count against the global limit. */
	exemptGlobal?: boolean;
	handler: (ctx: RouteContext) => unknown;
}

/** A response with a status or headers other than 200 JSON. `body === undefined` sends no body. */
export class Reply {
	constructor(
		readonly status: number,
		readonly body?: unknown,
		readonly headers: Record<string, string> = {},
		/** Send `body` as-is (HTML pages, redirects) instead of JSON. */
		readonly raw = false,
	) {}

	static noContent(): Reply {
		return new Reply(204);
	}

	static html(body: string, status = 200): Reply {
		return new Reply(status, body, { 'content-type': 'text/html; charset=utf-8' }, true);
	}

	static redirect(location: string): Reply {
		return new Reply(302, '', { location }, true);
	}
}

/** A handler that needs one service besides the request: the route list binds it (no global Emulator). */
export type HandlerWith<D> = (ctx: RouteContext, deps: D) => unknown;

export function bind<D>(deps: D, handler: HandlerWith<D>): RestRoute['handler'] {
	return (ctx) => handler(ctx, deps);
}

export function requireApp(ctx: RouteContext): EmApplication {
	if (!ctx.app) throw new Error('route declared bot auth but no application was resolved');
	return ctx.app;
}
