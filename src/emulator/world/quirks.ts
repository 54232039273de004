/**
 * Discord behaviours that happen now and then rather than every time, switched on by a test that
 * wants its code to survive them. Off by default so that ordinary tests stay deterministic.
 */
export interface Quirks {
	/**
	 * Share (0-1) of joins whose GUILD_MEMBER_ADD is sent a second time, as Discord documents it
	 * "may also be sent for users who are already members" (Gateway Events, Guild Member Add).
	 */
	memberAddResendShare: number;
	/** Seed of the random draws, so a run can be repeated. */
	seed: number;
}

export const DEFAULT_QUIRKS: Quirks = { memberAddResendShare: 0, seed: 1 };

/** A small seeded generator (mulberry32): the same seed gives the same sequence of draws. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}
