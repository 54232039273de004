import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import FindMyWay from 'find-my-way';
import { controlRoutes } from './control/index.ts';
import { ApiError, Errors } from './errors.ts';
import { Gateway } from './gateway/gateway.ts';
import { parseBody, readRaw } from './http/body.ts';
import { RequestLog } from './http/request-log.ts';
import { Reply, type RestRoute, type RouteContext } from './http/route.ts';
import { InteractionRegistry } from './interactions.ts';
import { OAuthStore } from './oauth-store.ts';
import { type BucketRule, RateLimiter, type RateLimitMode } from './rest/ratelimit.ts';
import { restRoutes } from './rest/routes/index.ts';
import { type SeedResult, seedWorld } from './seed.ts';
import type { EmApplication } from './world/types.ts';
import { World } from './world/world.ts';

export interface EmulatorOptions {
	/** 0 picks a free port. */
	port?: number;
	host?: string;
	rateLimits?: RateLimitMode;
	buckets?: Record<string, BucketRule>;
	/** Token of the default application (the bot Foyer logs in as). Random when omitted. */
	token?: string;
	/** Heartbeat interval announced in HELLO. */
	heartbeatIntervalMs?: number;
	/** How long a disconnected gateway session stays resumable. */
	sessionTtlMs?: number;
	/** How long a bot has to answer an interaction before it becomes unknown (Discord: 3 s). */
	interactionTimeoutMs?: number;
	/** Seed a demo guild (owner, members, channels, roles) at start. */
	demo?: boolean | { memberCount?: number };
}

interface RouteStore {
	kind: 'rest' | 'control';
	route: RestRoute;
}

/**
 * A local Discord: REST v10, Gateway v10, OAuth2 and a control API on one HTTP port.
 * An unmodified discord.js client connects with `rest: { api: emulator.apiUrl }`.
 */
export class Emulator {
	readonly world = new World();
	readonly limiter: RateLimiter;
	readonly requests = new RequestLog();
	readonly interactions: InteractionRegistry;
	readonly oauth = new OAuthStore();
	readonly gateway: Gateway;
	readonly options: Required<Omit<EmulatorOptions, 'buckets' | 'token' | 'demo'>> &
		Pick<EmulatorOptions, 'token' | 'demo'>;
	defaultApp!: EmApplication;
	demo: SeedResult | null = null;
	readonly #server: Server;
	readonly #router = FindMyWay({ ignoreTrailingSlash: true, caseSensitive: true, maxParamLength: 500 });

	private constructor(options: EmulatorOptions) {
		this.options = {
			port: options.port ?? 0,
			host: options.host ?? '127.0.0.1',
			rateLimits: options.rateLimits ?? 'off',
			heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
			sessionTtlMs: options.sessionTtlMs ?? 120_000,
			interactionTimeoutMs: options.interactionTimeoutMs ?? 3_000,
			token: options.token,
			demo: options.demo,
		};
		this.limiter = new RateLimiter(this.options.rateLimits, options.buckets);
		this.interactions = new InteractionRegistry(this.world, this.options.interactionTimeoutMs);
		const gatewayUrl = () => this.gatewayUrl;
		const gateway = { gatewayUrl, sessionStartLimit: (appId: string) => this.gateway.sessionStartLimit(appId) };
		for (const route of restRoutes({ gateway, interactions: this.interactions, oauth: this.oauth }))
			this.#add('rest', route);
		this.#server = createServer((req, res) => {
			// Discord's Date header is its own clock: the world's (a test clock moves it), not Node's.
			res.sendDate = false;
			res.setHeader('Date', new Date(this.world.now()).toUTCString());
			this.#handle(req, res).catch((error) => this.#fail(res, error));
		});
		this.#server.keepAliveTimeout = 65_000;
		this.gateway = new Gateway(this.world, this.#server, {
			heartbeatIntervalMs: this.options.heartbeatIntervalMs,
			sessionTtlMs: this.options.sessionTtlMs,
			gatewayUrl,
		});
		const control = controlRoutes({
			describe: () => this.#describe(),
			reset: () => this.reset(),
			defaultApp: () => this.defaultApp,
			limiter: this.limiter,
			gateway: this.gateway,
			requests: this.requests,
			interactions: this.interactions,
		});
		for (const route of control) this.#add('control', route);
		this.#populate();
	}

	static async start(options: EmulatorOptions = {}): Promise<Emulator> {
		const emulator = new Emulator(options);
		await new Promise<void>((resolve, reject) => {
			emulator.#server.once('error', reject);
			emulator.#server.listen(emulator.options.port, emulator.options.host, () => resolve());
		});
		return emulator;
	}

	get port(): number {
		return (this.#server.address() as AddressInfo).port;
	}

	/** Base URL, e.g. `http://127.0.0.1:5005`. */
	get url(): string {
		return `http://${this.options.host}:${this.port}`;
	}

	/** What discord.js takes as `rest.api`. */
	get apiUrl(): string {
		return `${this.url}/api`;
	}

	get gatewayUrl(): string {
		return `ws://${this.options.host}:${this.port}`;
	}

	get token(): string {
		return this.defaultApp.token;
	}

	/** Forgets everything (guilds, users, sessions, logs) and seeds the world again as at start. */
	reset(): void {
		this.gateway.closeAll(4000, 'Emulator reset');
		this.interactions.clear();
		this.oauth.clear();
		this.requests.clear();
		this.limiter.reset();
		this.world.clear();
		this.#populate();
	}

	async close(): Promise<void> {
		this.gateway.close();
		this.interactions.clear();
		this.#server.closeAllConnections();
		await new Promise<void>((resolve) => this.#server.close(() => resolve()));
	}

	/** The answer of `GET /_emulator`: where to connect, the applications' credentials, the demo guild. */
	#describe() {
		const world = this.world;
		const demo = this.demo;
		return {
			url: this.url,
			api_url: this.apiUrl,
			gateway_url: this.gatewayUrl,
			rate_limits: this.limiter.mode,
			applications: [...world.applications.values()].map((a) => ({
				id: a.id,
				name: a.name,
				token: a.token,
				client_secret: a.clientSecret,
				owner_id: a.ownerId,
			})),
			guilds: [...world.guilds.values()].map((g) => ({ id: g.id, name: g.name, member_count: g.members.size })),
			demo: demo
				? {
						guild_id: demo.guild.id,
						owner_id: demo.owner.id,
						admin_id: demo.admin.id,
						member_id: demo.member.id,
						channels: demo.channels,
						roles: demo.roles,
					}
				: null,
		};
	}

	#populate(): void {
		this.defaultApp = this.world.createApplication({
			name: 'Foyer',
			...(this.options.token ? { token: this.options.token } : {}),
		});
		const demo = this.options.demo;
		this.demo = demo ? seedWorld(this.world, typeof demo === 'object' ? demo : {}) : null;
	}

	#add(kind: RouteStore['kind'], route: RestRoute): void {
		const prefix = kind === 'rest' ? '/api/v10' : '/_emulator';
		const store: RouteStore = { kind, route };
		const noop = () => {};
		this.#router.on(route.method, prefix + route.path, noop, store);
		if (kind === 'rest') {
			// discord.js always sends /api/v10; older clients and curl users may omit or use v9.
			this.#router.on(route.method, `/api/v9${route.path}`, noop, store);
			this.#router.on(route.method, `/api${route.path}`, noop, store);
		}
	}

	async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const started = performance.now();
		const url = req.url ?? '/';
		const q = url.indexOf('?');
		// Clients percent-encode `@me` (discord.js does for members); Discord reads both spellings.
		const path = (q === -1 ? url : url.slice(0, q)).replaceAll('%40', '@');
		const query = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
		const method = req.method ?? 'GET';

		if (path === '/oauth2/authorize' || path === '/oauth2/authorize/confirm') {
			// The authorize page lives outside /api on Discord.
			return this.#handle(Object.assign(req, { url: `/api/v10${url}` }), res);
		}

		const ip = req.socket.remoteAddress ?? 'unknown';
		if (path.startsWith('/api')) {
			const bannedMs = this.limiter.bannedFor(ip, this.world.now());
			if (bannedMs > 0) {
				this.#sendBan(res, bannedMs);
				this.#log(method, path, path, 429, started, null, null, true, false, undefined);
				return;
			}
		}

		const found = this.#router.find(method as 'GET', path);
		if (!found) {
			const known = path.startsWith('/api') || path.startsWith('/_emulator');
			this.#send(res, known ? Errors.notFound() : Errors.notFound());
			if (path.startsWith('/api')) this.#log(method, path, path, 404, started, null, null, false, false, 0);
			return;
		}
		const { route, kind } = found.store as RouteStore;
		const ctx: RouteContext = {
			world: this.world,
			params: found.params as Record<string, string>,
			query,
			body: undefined,
			app: null,
			grant: null,
			reason: null,
			req,
		};

		if (kind === 'control') return this.#runControl(ctx, route, res);

		let status = 500;
		let errorCode: number | undefined;
		let limited = false;
		let global = false;
		let bucket: string | null = null;
		try {
			this.#authenticate(ctx, route);
			const rawReason = req.headers['x-audit-log-reason'];
			if (typeof rawReason === 'string') ctx.reason = safeDecode(rawReason);
			const major =
				ctx.params.channel_id ??
				ctx.params.guild_id ??
				(ctx.params.webhook_token ? `${ctx.params.webhook_id}/${ctx.params.webhook_token}` : '');
			const decision = this.limiter.check(
				this.world.now(),
				ctx.app?.id ?? null,
				route.bucket,
				major,
				route.exemptGlobal === true || route.auth === 'none',
			);
			bucket = decision.bucket ?? null;
			if (!decision.ok) {
				limited = true;
				global = decision.global === true;
				status = 429;
				const retryAfter = (decision.retryAfterMs ?? 0) / 1000;
				this.#write(
					res,
					429,
					{ message: 'You are being rate limited.', retry_after: Number(retryAfter.toFixed(3)), global },
					decision.headers,
				);
				return;
			}
			if (method !== 'GET' && method !== 'DELETE') ctx.body = await parseBody(req, await readRaw(req));
			else req.resume();
			const result = await route.handler(ctx);
			status = this.#reply(res, result, decision.headers);
		} catch (error) {
			if (error instanceof ApiError) {
				status = error.status;
				errorCode = error.code;
				this.#send(res, error);
			} else {
				status = 500;
				this.#fail(res, error);
			}
		} finally {
			if (status === 401 || status === 403 || status === 429) this.limiter.countInvalid(ip, this.world.now());
			this.#log(method, route.path, path, status, started, ctx.app?.id ?? null, bucket, limited, global, errorCode);
		}
	}

	/**
	 * An IP past the invalid-request limit is refused at Discord's edge (Cloudflare), not by the API:
	 * 429 with an HTML body and `Retry-After`, without Discord's JSON or `X-RateLimit-*` headers.
	 */
	#sendBan(res: ServerResponse, bannedMs: number): void {
		const body =
			'<!doctype html><title>Access denied | discord.com used Cloudflare to restrict access</title>' +
			'<h1>Error 1015</h1><p>You are being rate limited. The owner of this website (discord.com) has banned you temporarily from accessing this website.</p>';
		res.writeHead(429, {
			'content-type': 'text/html; charset=UTF-8',
			'retry-after': String(Math.ceil(bannedMs / 1000)),
			'content-length': Buffer.byteLength(body),
		});
		res.end(body);
	}

	async #runControl(ctx: RouteContext, route: RestRoute, res: ServerResponse): Promise<void> {
		try {
			if (ctx.req.method !== 'GET' && ctx.req.method !== 'DELETE') {
				const raw = await readRaw(ctx.req);
				ctx.body = raw.length ? await parseBody(ctx.req, raw) : {};
			} else ctx.req.resume();
			this.#reply(res, await route.handler(ctx), {});
		} catch (error) {
			if (error instanceof ApiError) this.#send(res, error);
			else this.#fail(res, error);
		}
	}

	#authenticate(ctx: RouteContext, route: RestRoute): void {
		if (route.auth === 'none') return;
		const header = ctx.req.headers.authorization ?? '';
		if (header.startsWith('Bot ')) {
			const app = this.world.appsByToken.get(header.slice(4));
			if (!app) throw Errors.unauthorized();
			if (route.auth === 'bearer') throw Errors.unauthorized();
			ctx.app = app;
			return;
		}
		if (header.startsWith('Bearer ')) {
			const grant = this.oauth.grant(header.slice(7), this.world.now());
			if (!grant || route.auth === 'bot') throw Errors.unauthorized();
			ctx.grant = grant;
			return;
		}
		throw Errors.unauthorized();
	}

	#reply(res: ServerResponse, result: unknown, headers: Record<string, string>): number {
		if (result instanceof Reply) {
			if (result.raw) {
				res.writeHead(result.status, { ...headers, ...result.headers });
				res.end(result.body as string);
			} else this.#write(res, result.status, result.body, { ...headers, ...result.headers });
			return result.status;
		}
		if (result === undefined) {
			res.writeHead(204, headers);
			res.end();
			return 204;
		}
		this.#write(res, 200, result, headers);
		return 200;
	}

	#write(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
		if (body === undefined) {
			res.writeHead(status, headers);
			res.end();
			return;
		}
		const json = JSON.stringify(body, bigintReplacer);
		res.writeHead(status, {
			...headers,
			'content-type': 'application/json',
			'content-length': Buffer.byteLength(json),
		});
		res.end(json);
	}

	#send(res: ServerResponse, error: ApiError): void {
		this.#write(res, error.status, error.toJSON(), {});
	}

	#fail(res: ServerResponse, error: unknown): void {
		console.error('[emulator] internal error', error);
		if (!res.headersSent) this.#write(res, 500, { message: '500: Internal Server Error', code: 0 }, {});
		else res.end();
	}

	#log(
		method: string,
		route: string,
		path: string,
		status: number,
		started: number,
		appId: string | null,
		bucket: string | null,
		rateLimited: boolean,
		global: boolean,
		errorCode: number | undefined,
	): void {
		this.requests.add({
			time: this.world.now(),
			method,
			route,
			path,
			status,
			durationMs: performance.now() - started,
			appId,
			bucket,
			rateLimited,
			global,
			defect: rateLimited && this.limiter.mode === 'strict',
			...(errorCode !== undefined && status >= 400 ? { errorCode } : {}),
		});
	}
}

function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

function bigintReplacer(_key: string, value: unknown): unknown {
	return typeof value === 'bigint' ? value.toString() : value;
}
