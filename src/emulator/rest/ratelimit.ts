import { createHash } from 'node:crypto';

export type RateLimitMode = 'off' | 'realistic' | 'strict';
export const RATE_LIMIT_MODES: readonly RateLimitMode[] = ['off', 'realistic', 'strict'];

/** Which route parameter makes a bucket separate (Discord's "major parameters"). */
export type BucketScope = 'channel_id' | 'guild_id' | 'webhook' | 'none';

export interface BucketRule {
	limit: number;
	windowMs: number;
	scope: BucketScope;
	/** Where the numbers come from (shown in docs/emulator.md and the control API). */
	source: string;
}

/**
 * The per-route bucket table used in `realistic` and `strict` modes. Discord announces buckets only
 * in `X-RateLimit-*` response headers; these are the observed values. Routes not listed here are
 * limited by the global limit alone, as Discord does for routes that return no bucket header.
 */
export const DEFAULT_BUCKETS: Record<string, BucketRule> = {
	'message.create': {
		limit: 5,
		windowMs: 5_000,
		scope: 'channel_id',
		source: 'observed X-RateLimit-Limit: 5, Reset-After: 5 on POST /channels/{id}/messages',
	},
	'message.edit': { limit: 5, windowMs: 5_000, scope: 'channel_id', source: 'observed, same shape as message.create' },
	'message.delete': {
		limit: 5,
		windowMs: 1_000,
		scope: 'channel_id',
		source: 'observed on DELETE /channels/{id}/messages/{id}',
	},
	reaction: {
		limit: 1,
		windowMs: 250,
		scope: 'channel_id',
		source: 'observed X-RateLimit-Limit: 1, Reset-After: 0.25 on reaction routes',
	},
	'member.roles': {
		limit: 10,
		windowMs: 1_000,
		scope: 'guild_id',
		source:
			'observed X-RateLimit-Limit: 10 (fixed window) on PUT /guilds/{id}/members/{id}/roles/{id} (discord-api-docs#7680); member PATCH shares it here so that one PATCH with several roles costs one slot',
	},
	'member.kick': {
		limit: 5,
		windowMs: 1_000,
		scope: 'guild_id',
		source: 'observed on DELETE /guilds/{id}/members/{id}',
	},
	'member.ban': { limit: 5, windowMs: 1_000, scope: 'guild_id', source: 'observed on PUT /guilds/{id}/bans/{id}' },
	'invite.create': {
		limit: 5,
		windowMs: 15_000,
		scope: 'channel_id',
		source: 'observed on POST /channels/{id}/invites',
	},
	'invites.list': {
		limit: 5,
		windowMs: 1_000,
		scope: 'guild_id',
		source:
			'assumed (Discord documents no value and sends it only in headers): 5 per second per guild on GET /guilds/{id}/invites; replace with an observed value',
	},
	'dm.create': { limit: 10, windowMs: 1_000, scope: 'none', source: 'observed on POST /users/@me/channels' },
	'commands.write': {
		limit: 5,
		windowMs: 20_000,
		scope: 'guild_id',
		source: 'observed on PUT/POST application command routes (bulk overwrite)',
	},
};

/**
 * "IP addresses that make too many invalid HTTP requests are automatically and temporarily
 * restricted … this limit is 10,000 per 10 minutes. An invalid request is one that results in
 * 401, 403, or 429 statuses" (Rate Limits, Invalid Request Limit). The ban length is not
 * documented; an hour is the emulator's assumption. Enforced in `strict` mode only.
 */
export const INVALID_REQUEST_RULE = { limit: 10_000, windowMs: 600_000, banMs: 3_600_000 };

export const GLOBAL_RULE = { limit: 50, windowMs: 1_000, source: 'Discord docs: 50 requests per second per bot' };

interface Window {
	count: number;
	resetAt: number;
}

export interface LimitDecision {
	ok: boolean;
	headers: Record<string, string>;
	retryAfterMs?: number;
	global?: boolean;
	bucket?: string;
}

/**
 * Fixed-window limiter: a window opens at the first request and closes `windowMs` later, which is
 * what discord.js expects from `X-RateLimit-Reset-After`. Rejected requests do not consume.
 */
export class RateLimiter {
	mode: RateLimitMode;
	buckets: Record<string, BucketRule>;
	global = { ...GLOBAL_RULE };
	invalid = { ...INVALID_REQUEST_RULE };
	readonly #windows = new Map<string, Window>();
	/** Invalid responses per IP in the current window, and bans: IP → until (world clock). */
	readonly #invalid = new Map<string, Window>();
	readonly #bans = new Map<string, number>();
	readonly #hashes = new Map<string, string>();

	constructor(mode: RateLimitMode = 'off', buckets: Record<string, BucketRule> = DEFAULT_BUCKETS) {
		this.mode = mode;
		this.buckets = structuredClone(buckets);
	}

	reset(): void {
		this.#windows.clear();
		this.#invalid.clear();
		this.#bans.clear();
	}

	/** Milliseconds left of an IP's ban, 0 when it is not banned. */
	bannedFor(ip: string, now: number): number {
		const until = this.#bans.get(ip);
		if (until === undefined) return 0;
		if (until > now) return until - now;
		this.#bans.delete(ip);
		return 0;
	}

	/** Counts a 401/403/429 answer against the IP (strict mode); the limit-th one starts a ban. */
	countInvalid(ip: string, now: number): void {
		if (this.mode !== 'strict') return;
		let win = this.#invalid.get(ip);
		if (!win || win.resetAt <= now) {
			win = { count: 0, resetAt: now + this.invalid.windowMs };
			this.#invalid.set(ip, win);
		}
		win.count++;
		if (win.count >= this.invalid.limit) {
			this.#bans.set(ip, now + this.invalid.banMs);
			this.#invalid.delete(ip);
		}
	}

	/** Invalid answers an IP has had in its current window. */
	invalidCount(ip: string, now: number): number {
		const win = this.#invalid.get(ip);
		return win && win.resetAt > now ? win.count : 0;
	}

	/**
	 * Checks (and on success consumes) the global window for `appId` and the route's bucket.
	 * `exemptGlobal` is for interaction callbacks and webhook-token routes.
	 */
	check(
		now: number,
		appId: string | null,
		bucketName: string | undefined,
		major: string,
		exemptGlobal: boolean,
	): LimitDecision {
		if (this.mode === 'off') return { ok: true, headers: {} };
		const rule = bucketName ? this.buckets[bucketName] : undefined;
		const routeKey =
			rule && bucketName ? `${appId ?? 'anon'}:${bucketName}:${rule.scope === 'none' ? '' : major}` : null;
		const routeWin = routeKey && rule ? this.#window(routeKey, now, rule.windowMs) : null;
		const globalKey = appId && !exemptGlobal ? `${appId}:global` : null;
		const globalWin = globalKey ? this.#window(globalKey, now, this.global.windowMs) : null;

		if (globalWin && globalWin.count >= this.global.limit) {
			const retryAfterMs = globalWin.resetAt - now;
			return {
				ok: false,
				global: true,
				retryAfterMs,
				headers: {
					'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
					'x-ratelimit-global': 'true',
					'x-ratelimit-scope': 'global',
				},
			};
		}
		if (routeWin && rule && bucketName) {
			const hash = this.#hash(bucketName);
			const resetAfter = (routeWin.resetAt - now) / 1000;
			const headers: Record<string, string> = {
				'x-ratelimit-limit': String(rule.limit),
				'x-ratelimit-reset': (routeWin.resetAt / 1000).toFixed(3),
				'x-ratelimit-reset-after': resetAfter.toFixed(3),
				'x-ratelimit-bucket': hash,
			};
			if (routeWin.count >= rule.limit) {
				headers['x-ratelimit-remaining'] = '0';
				headers['x-ratelimit-scope'] = 'user';
				headers['retry-after'] = String(Math.max(1, Math.ceil(resetAfter)));
				return { ok: false, global: false, retryAfterMs: routeWin.resetAt - now, headers, bucket: bucketName };
			}
			routeWin.count++;
			headers['x-ratelimit-remaining'] = String(rule.limit - routeWin.count);
			if (globalWin) globalWin.count++;
			return { ok: true, headers, bucket: bucketName };
		}
		if (globalWin) globalWin.count++;
		return { ok: true, headers: {} };
	}

	#window(key: string, now: number, windowMs: number): Window {
		// Windows of channels and DMs that went quiet would pile up over a long run: drop expired ones.
		if (this.#windows.size > 50_000) for (const [k, w] of this.#windows) if (w.resetAt <= now) this.#windows.delete(k);
		let win = this.#windows.get(key);
		if (!win || win.resetAt <= now) {
			win = { count: 0, resetAt: now + windowMs };
			this.#windows.set(key, win);
		}
		return win;
	}

	#hash(name: string): string {
		let hash = this.#hashes.get(name);
		if (!hash) {
			hash = createHash('md5').update(name).digest('hex');
			this.#hashes.set(name, hash);
		}
		return hash;
	}
}
