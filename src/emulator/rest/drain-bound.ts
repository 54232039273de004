import { type BucketRule, type BucketScope, DEFAULT_BUCKETS, GLOBAL_RULE } from './ratelimit.ts';

export interface DoneRequest {
	/** The emulator bucket the request counted against (the request log's `bucket`), if any. */
	bucket: string | null;
	path: string;
}

export interface DrainBound {
	/** The shortest time in which a perfect client could have made these requests. */
	boundMs: number;
	/** What sets that time: `global` or `bucket:major`. */
	limitedBy: string;
	perLimit: Record<string, number>;
}

const MAJOR: Record<BucketScope, RegExp | null> = {
	channel_id: /\/channels\/(\d+)/,
	guild_id: /\/guilds\/(\d+)/,
	webhook: /\/webhooks\/(\d+\/[^/]+)/,
	none: null,
};

/** n requests through a fixed window of `limit` per `windowMs`: the last batch starts in window ceil(n/limit). */
const fixedWindowMs = (n: number, limit: number, windowMs: number) =>
	n === 0 ? 0 : (Math.ceil(n / limit) - 1) * windowMs;

/**
 * A lower bound on how long a set of requests must take under the emulator's limits: each bucket
 * (per major parameter) and the global window allow only so many requests per window, and all of
 * them apply at once, so the bound is the slowest of them. Interaction callbacks are not passed in.
 */
export function shortestDrain(
	requests: readonly DoneRequest[],
	buckets: Record<string, BucketRule> = DEFAULT_BUCKETS,
	global: { limit: number; windowMs: number } = GLOBAL_RULE,
): DrainBound {
	const counts = new Map<string, { n: number; rule: BucketRule }>();
	for (const r of requests) {
		const rule = r.bucket ? buckets[r.bucket] : undefined;
		if (!rule || !r.bucket) continue;
		const pattern = MAJOR[rule.scope];
		const key = `${r.bucket}:${pattern ? (r.path.match(pattern)?.[1] ?? '') : ''}`;
		const entry = counts.get(key) ?? { n: 0, rule };
		entry.n++;
		counts.set(key, entry);
	}
	const perLimit: Record<string, number> = {
		global: fixedWindowMs(requests.length, global.limit, global.windowMs),
	};
	for (const [key, { n, rule }] of counts) perLimit[key] = fixedWindowMs(n, rule.limit, rule.windowMs);
	let limitedBy = 'global';
	for (const [key, ms] of Object.entries(perLimit)) if (ms > (perLimit[limitedBy] as number)) limitedBy = key;
	return { boundMs: perLimit[limitedBy] as number, limitedBy, perLimit };
}
