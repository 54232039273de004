import type { PacketObserver } from '../client.ts';
import type { DispatchObserver } from '../events/event-ledger.ts';
import type { StoredSession } from './gateway-session-entity.ts';

/** A shard's live session as discord.js knows it. */
export interface LiveSession {
	sessionId: string;
	resumeURL: string;
	shardCount: number;
}

interface Entry {
	seq: number;
	sessionId: string | null;
	pending: number;
	sealed: boolean;
}

/**
 * Numbers each gateway packet and moves a shard's committed sequence past it only once every plugin
 * listener it reached has settled (durable effects are recorded before a listener resolves), in
 * order: a packet still being handled holds back the ones after it. The committed point, saved as
 * the shard's session, is what a restarted Foyer resumes from, so nothing past it is ever lost and
 * what is replayed twice is deduplicated by the event ledger.
 */
export class SequenceTracker implements PacketObserver, DispatchObserver {
	readonly #queues = new Map<number, Entry[]>();
	readonly #committed = new Map<number, number>();
	#current: { shardId: number; entry: Entry } | null = null;
	/** Off until the previous session was drained: saving earlier would overwrite what it resumes. */
	saving = false;
	#frozen = false;

	constructor(
		private readonly liveSession: (shardId: number) => LiveSession | null,
		private readonly save: (session: StoredSession) => void,
	) {}

	packet(packet: { s?: number | null }, shardId: number): void {
		if (typeof packet.s !== 'number') return;
		const entry: Entry = {
			seq: packet.s,
			sessionId: this.liveSession(shardId)?.sessionId ?? null,
			pending: 0,
			sealed: false,
		};
		this.#queue(shardId).push(entry);
		const previous = this.#current;
		this.#current = { shardId, entry };
		if (previous) this.#seal(previous.shardId, previous.entry);
		// discord.js handles a packet synchronously after `raw`: by the next microtask it reached every listener.
		queueMicrotask(() => {
			if (this.#current?.entry === entry) this.#current = null;
			this.#seal(shardId, entry);
		});
	}

	dispatched(done: Promise<unknown>): void {
		const current = this.#current;
		if (!current) return;
		const { shardId, entry } = current;
		entry.pending++;
		void done.finally(() => {
			entry.pending--;
			this.#advance(shardId);
		});
	}

	/** The committed sequence of each shard. */
	committed(): Map<number, number> {
		return new Map(this.#committed);
	}

	/** Packets received but not yet handled, all shards. */
	get inFlight(): number {
		let n = 0;
		for (const q of this.#queues.values()) n += q.length;
		return n;
	}

	/** Saves every shard's committed point now (after the drain, and when stopping). */
	saveAll(): void {
		for (const [shardId, seq] of this.#committed) this.#save(shardId, seq);
	}

	#seal(shardId: number, entry: Entry): void {
		if (entry.sealed) return;
		entry.sealed = true;
		this.#advance(shardId);
	}

	/** The committed point moves no more (shutdown grace over: what ends now ends because Foyer is going). */
	freeze(): void {
		this.#frozen = true;
	}

	#advance(shardId: number): void {
		if (this.#frozen) return;
		const queue = this.#queue(shardId);
		let last: Entry | null = null;
		while (queue.length > 0 && (queue[0] as Entry).sealed && (queue[0] as Entry).pending === 0)
			last = queue.shift() as Entry;
		if (!last) return;
		const live = this.liveSession(shardId);
		// Only a point in the live session is worth resuming from.
		if (!live || last.sessionId !== live.sessionId) return;
		this.#committed.set(shardId, last.seq);
		this.#save(shardId, last.seq);
	}

	#save(shardId: number, seq: number): void {
		const live = this.liveSession(shardId);
		if (!this.saving || !live) return;
		this.save({
			shardId,
			sessionId: live.sessionId,
			resumeUrl: live.resumeURL,
			sequence: seq,
			shardCount: live.shardCount,
			updatedAt: Date.now(),
		});
	}

	#queue(shardId: number): Entry[] {
		let queue = this.#queues.get(shardId);
		if (!queue) {
			queue = [];
			this.#queues.set(shardId, queue);
		}
		return queue;
	}
}
