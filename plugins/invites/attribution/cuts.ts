import type { Obs, TJoin, Unit } from './state.ts';
import type { Timeline } from './timeline.ts';

/** How many counted joins happened before a snapshot was taken: at least lo, at most hi. */
export interface Cut {
	lo: number;
	hi: number;
}

/**
 * Joins reach Foyer in the order they happened (one gateway stream per guild) and every counted
 * join is one use of one code or of the vanity URL. So the number of joins before a snapshot is the
 * number of uses it has seen since tracking began: exact when the uses are, a range when some are
 * not (an invite that expired or was deleted with uses unknown). Also: a join received before the
 * request was sent is in it; and, by Discord's own timestamps (clocks compared through Timeline.offset), a join that
 * happened after the answer came back is not, one that happened before the request was sent is.
 */
export function computeCuts(tl: Timeline, units: readonly Unit[]): Map<number, Cut> {
	const obs = [...tl.obs];
	const cuts = new Map<number, Cut>();
	if (obs.length === 0) return cuts;
	const times = joinTimes(tl.joins);
	const { lo: offLo, hi: offHi } = tl.offset;
	// Long after a snapshot, every join from before it has been received.
	const late = (o: Obs) => tl.now !== undefined && tl.now > o.doneAt + offHi + tl.options.maxEventDelayMs;
	const bounds = (o: Obs) => ({
		lo: Math.max(o.sent, times.lastBefore(o.sentAt + offLo)),
		hi: Math.min(times.firstAfter(o.doneAt + offHi) - 1, late(o) ? tl.joins.length : Number.POSITIVE_INFINITY),
	});

	const checkpoint = obs[0]?.fixedN !== undefined ? (obs[0] as Obs) : null;
	const live = obs.filter((o) => o.fixedN === undefined);
	const first = live[0];
	// The hi count starts where every tracked kind has its first snapshot (or at the checkpoint).
	// Until every kind has one, uses of the missing kind are counted nowhere: no hi from counts.
	let hiBase: Obs | null = checkpoint;
	if (!checkpoint)
		for (const kind of tl.kinds) {
			const f = live.find((o) => o.kind === kind);
			if (!f) {
				hiBase = null;
				break;
			}
			if (!hiBase || f.seq > hiBase.seq) hiBase = f;
		}

	for (const o of obs) {
		let { lo, hi } = bounds(o);
		if (o.fixedN !== undefined) lo = hi = o.fixedN;
		// Lower bound from exact uses: only from the first live snapshot on, so that joins of a
		// downtime who left again (never seen) are not counted as positions.
		if (first && o.seq > first.seq && !(checkpoint && !checkpoint.offline)) {
			let sum = bounds(first).lo;
			for (const u of units) if (u.startSeq >= first.seq && u.endSeq <= o.seq) sum += u.lo;
			lo = Math.max(lo, sum);
		} else if (checkpoint && !checkpoint.offline && o.seq > checkpoint.seq) {
			let sum = checkpoint.fixedN as number;
			for (const u of units) if (u.startSeq >= checkpoint.seq && u.endSeq <= o.seq) sum += u.lo;
			lo = Math.max(lo, sum);
		}
		// Uses of another kind since its last snapshot are counted nowhere until its next one.
		const otherKindsClosed = [...tl.kinds].every(
			(k) =>
				k === o.kind ||
				o.fixedN !== undefined ||
				obs.some((x) => x.seq > o.seq && (x.kind === k || x.fixedN !== undefined)),
		);
		if (hiBase && o.seq > hiBase.seq && otherKindsClosed) {
			let sum = hiBase.fixedN ?? bounds(hiBase).hi;
			for (const u of units) if (u.startSeq < o.seq && u.endSeq > hiBase.seq) sum += u.hi;
			hi = Math.min(hi, sum);
		}
		cuts.set(o.seq, { lo, hi });
	}
	// Snapshots are ordered: the count never decreases from one to the next.
	let runLo = 0;
	for (const o of obs) {
		const c = cuts.get(o.seq) as Cut;
		runLo = Math.max(runLo, c.lo);
		c.lo = runLo;
	}
	let runHi = Number.POSITIVE_INFINITY;
	for (let i = obs.length - 1; i >= 0; i--) {
		const c = cuts.get((obs[i] as Obs).seq) as Cut;
		runHi = Math.min(runHi, c.hi);
		c.hi = runHi;
	}
	return cuts;
}

/** Positions by Discord's join time: the last one that joined before t, the first after t. */
function joinTimes(joins: readonly TJoin[]) {
	const asc = [...joins].sort((a, b) => a.joinedAt - b.joinedAt);
	const prefixMaxPos: number[] = [];
	let m = 0;
	for (const j of asc) {
		m = Math.max(m, j.pos);
		prefixMaxPos.push(m);
	}
	const suffixMinPos: number[] = new Array(asc.length);
	let n = Number.POSITIVE_INFINITY;
	for (let i = asc.length - 1; i >= 0; i--) {
		n = Math.min(n, (asc[i] as TJoin).pos);
		suffixMinPos[i] = n;
	}
	// first index with joinedAt > t
	const upper = (t: number) => {
		let lo = 0;
		let hi = asc.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if ((asc[mid] as TJoin).joinedAt > t) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	};
	// first index with joinedAt >= t
	const lower = (t: number) => {
		let lo = 0;
		let hi = asc.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if ((asc[mid] as TJoin).joinedAt >= t) hi = mid;
			else lo = mid + 1;
		}
		return lo;
	};
	return {
		lastBefore(t: number): number {
			const i = lower(t) - 1;
			return i >= 0 ? (prefixMaxPos[i] as number) : 0;
		},
		firstAfter(t: number): number {
			const i = upper(t);
			return i < asc.length ? (suffixMinPos[i] as number) : Number.POSITIVE_INFINITY;
		},
	};
}

/** Fills each unit's positions (from, to]: after the joins before its first snapshot, up to those before its last. */
export function placeUnits(units: Unit[], cuts: Map<number, Cut>): void {
	for (const u of units) {
		u.from = u.startSeq >= 0 ? (cuts.get(u.startSeq)?.lo ?? 0) : 0;
		u.to = Number.isFinite(u.endSeq) ? (cuts.get(u.endSeq)?.hi ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
	}
}
