/**
 * A channel's message budget as Foyer assumes it: `limit` sends in any `windowMs` (Discord's observed
 * 5 per 5 s per channel), tracked as a sliding log of our own send times. A sliding log is stricter
 * than Discord's fixed windows, and `marginMs` absorbs the latency between our clock and Discord's,
 * so staying inside it never earns a 429 and discord.js's queue never has to hold a welcome back.
 */
export class ChannelBudget {
	readonly #sent: number[] = [];

	constructor(
		readonly limit = 5,
		readonly windowMs = 5_000,
		readonly marginMs = 250,
	) {}

	hasRoom(now: number): boolean {
		this.#expire(now);
		return this.#sent.length < this.limit;
	}

	take(now: number): void {
		this.#expire(now);
		this.#sent.push(now);
	}

	/** When the next send fits (now if it already does). */
	nextFreeAt(now: number): number {
		this.#expire(now);
		if (this.#sent.length < this.limit) return now;
		return (this.#sent[this.#sent.length - this.limit] as number) + this.windowMs + this.marginMs;
	}

	/** True when no send is inside the window any more: the channel's state can be forgotten. */
	idle(now: number): boolean {
		this.#expire(now);
		return this.#sent.length === 0;
	}

	#expire(now: number): void {
		while (this.#sent.length > 0 && (this.#sent[0] as number) + this.windowMs + this.marginMs <= now)
			this.#sent.shift();
	}
}
