export interface LoggedRequest {
	id: number;
	time: number;
	method: string;
	/** The route template, e.g. `/channels/:channel_id/messages`. */
	route: string;
	path: string;
	status: number;
	durationMs: number;
	appId: string | null;
	bucket: string | null;
	rateLimited: boolean;
	global: boolean;
	/** Set in `strict` mode on every 429: a client that follows the headers never gets one. */
	defect: boolean;
	/** The Discord error code of a 4xx/5xx answer. */
	errorCode?: number;
}

/** A bounded log of REST requests (newest kept) with running totals. */
export class RequestLog {
	readonly #entries: LoggedRequest[] = [];
	#nextId = 1;
	total = 0;
	rateLimited = 0;
	defects = 0;

	constructor(readonly capacity = 100_000) {}

	add(entry: Omit<LoggedRequest, 'id'>): void {
		const logged = { id: this.#nextId++, ...entry };
		this.#entries.push(logged);
		// Trim in batches: splicing one entry off a full log on every request would cost O(capacity) each.
		if (this.#entries.length > this.capacity * 1.1) this.#entries.splice(0, this.#entries.length - this.capacity);
		this.total++;
		if (entry.rateLimited) this.rateLimited++;
		if (entry.defect) this.defects++;
	}

	since(id = 0): LoggedRequest[] {
		if (id <= 0) return [...this.#entries];
		const first = this.#entries[0];
		if (!first) return [];
		return this.#entries.slice(Math.max(0, id - first.id + 1));
	}

	get lastId(): number {
		return this.#nextId - 1;
	}

	clear(): void {
		this.#entries.length = 0;
		this.total = 0;
		this.rateLimited = 0;
		this.defects = 0;
	}
}
