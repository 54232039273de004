/** At most this many login requests (starts and callbacks) per address per window. */
export const DEFAULT_LOGIN_ATTEMPTS = { max: 20, windowMs: 5 * 60_000 };
/** Addresses remembered at once; beyond it the oldest are forgotten (memory stays bounded under a flood). */
const MAX_ADDRESSES = 10_000;

export type ThrottleAnswer = { ok: true } | { ok: false; retryAfterS: number };

/**
 * Login attempts per client address, in a sliding window. Every callback makes Foyer exchange a code
 * with Discord, and Discord bans an IP after 10,000 refused requests in 10 minutes: one address may
 * not spend that budget (or hammer the login) for everyone.
 */
export class LoginThrottle {
	readonly #hits = new Map<string, number[]>();

	constructor(
		private readonly max = DEFAULT_LOGIN_ATTEMPTS.max,
		private readonly windowMs = DEFAULT_LOGIN_ATTEMPTS.windowMs,
		private readonly now: () => number = Date.now,
	) {}

	take(address: string): ThrottleAnswer {
		const now = this.now();
		const recent = (this.#hits.get(address) ?? []).filter((t) => t > now - this.windowMs);
		this.#hits.delete(address);
		if (recent.length >= this.max) {
			this.#hits.set(address, recent);
			return { ok: false, retryAfterS: Math.max(1, Math.ceil(((recent[0] as number) + this.windowMs - now) / 1000)) };
		}
		recent.push(now);
		this.#hits.set(address, recent);
		if (this.#hits.size > MAX_ADDRESSES) this.#hits.delete(this.#hits.keys().next().value as string);
		return { ok: true };
	}
}
