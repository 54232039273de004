interface Sample {
	at: number;
	value: number;
}

/**
 * Discord's clock minus this machine's, as an interval that what was observed proves:
 * - a GUILD_MEMBER_ADD cannot arrive before the join: offset >= joined_at - received;
 * - a REST answer's `Date` header (whole seconds) was stamped between sending and receiving:
 *   offset < date + 1 s - sent and offset >= date - received.
 * Until there are samples it is ±`defaultSkewMs`. Samples older than `windowMs` are dropped (the
 * machine's clock may be adjusted); a contradiction (the clock jumped) keeps only the newest sample.
 */
export class ClockOffset {
	#lo: Sample[] = [];
	#hi: Sample[] = [];
	#cache: { lo: number; hi: number } | null = null;

	constructor(
		readonly defaultSkewMs: number,
		readonly windowMs = 600_000,
	) {}

	sawJoin(joinedAt: number, receivedAt: number): void {
		this.#add(this.#lo, { at: receivedAt, value: joinedAt - receivedAt });
	}

	sawServerDate(date: number, sentAt: number, receivedAt: number): void {
		this.#add(this.#lo, { at: receivedAt, value: date - receivedAt });
		this.#add(this.#hi, { at: receivedAt, value: date + 1_000 - sentAt });
	}

	/** At least this much (ms). */
	get lo(): number {
		return this.#bounds().lo;
	}

	/** Less than this much (ms). */
	get hi(): number {
		return this.#bounds().hi;
	}

	#add(list: Sample[], s: Sample): void {
		list.push(s);
		while (list.length > 0 && (list[0] as Sample).at < s.at - this.windowMs) list.shift();
		if (list.length > 512) list.splice(0, list.length - 512);
		this.#cache = null;
		const { lo, hi } = this.#bounds();
		if (lo > hi) {
			this.#lo = this.#lo.filter((x) => x.at >= s.at);
			this.#hi = this.#hi.filter((x) => x.at >= s.at);
			this.#cache = null;
		}
	}

	#bounds(): { lo: number; hi: number } {
		if (this.#cache) return this.#cache;
		const d = this.defaultSkewMs;
		const lo = this.#lo.length ? Math.max(...this.#lo.map((s) => s.value)) : -d;
		// With only the lower side seen, the other side stays the default width away from it.
		const hi = this.#hi.length ? Math.min(...this.#hi.map((s) => s.value)) : Math.max(d, lo + 2 * d);
		this.#cache = { lo, hi };
		return this.#cache;
	}
}
