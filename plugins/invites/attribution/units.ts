import type { CodeFacts, Obs, Unit } from './state.ts';
import type { Timeline } from './timeline.ts';

interface Range {
	lo: number;
	hi: number;
	settled: boolean;
}

const exact = (n: number): Range => ({ lo: n, hi: n, settled: true });

/**
 * How many more times a code was used between a snapshot that showed it with `usesBefore` and the
 * first one that no longer lists it (`vanishedBy`). An invite vanishes when used up (INVITE_DELETE
 * after the join), when deleted (INVITE_DELETE, audit entry 42 with the uses it had), or when it
 * expires (no event at all: expiry is not a use).
 */
export function vanishedUses(
	tl: Timeline,
	f: CodeFacts,
	usesBefore: number,
	vanishedBy: Obs | null,
	inviteEventsComplete: boolean,
): Range {
	const { auditLog } = tl.options;
	const max = f.maxUses;
	const toUseUp = max > 0 ? Math.max(0, max - usesBefore) : Number.POSITIVE_INFINITY;
	const belowMax = max > 0 ? Math.max(0, max - 1 - usesBefore) : Number.POSITIVE_INFINITY;
	const usedUp = (): Range => (max > 0 ? exact(toUseUp) : { lo: 0, hi: Number.POSITIVE_INFINITY, settled: true });
	const a = f.auditDelete;
	if (a?.uses !== undefined) return exact(Math.max(0, a.uses - usesBefore));
	if (a && a.actorId !== null) return { lo: 0, hi: belowMax, settled: true };
	if (a) return usedUp();
	const auditRead = (tick: number) => auditLog && tl.auditCheckedTick > tick;
	if (f.deleted) {
		// An INVITE_DELETE came (expiry sends none): used up, or deleted by someone, which the audit log would show.
		if (auditRead(f.deleted.tick)) return usedUp();
		return { lo: 0, hi: toUseUp, settled: !auditLog };
	}
	if (!vanishedBy) return { lo: 0, hi: toUseUp, settled: false };
	if (inviteEventsComplete) {
		// Events come in order: once a join from after the snapshot is in, a missing INVITE_DELETE
		// means there was none, so it expired (or went with its channel): not used up.
		if (tl.eventsSurelyIn(vanishedBy)) return { lo: 0, hi: belowMax, settled: true };
		return { lo: 0, hi: toUseUp, settled: false };
	}
	// No events: the audit log names every deletion but a use-up; an invite that may have expired
	// in time leaves both possible.
	const mayHaveExpired = f.expiresAt !== null && f.expiresAt <= vanishedBy.doneAt + tl.offset.hi;
	if (auditRead(vanishedBy.doneTick)) return mayHaveExpired ? { lo: 0, hi: toUseUp, settled: true } : usedUp();
	return { lo: 0, hi: toUseUp, settled: !auditLog };
}

/**
 * The units of evidence of the current epoch: per pair of consecutive snapshots of a kind, the uses
 * each code (or the vanity URL) gained; codes that lived and died between two snapshots (known
 * from INVITE_CREATE or the audit log); and, where creations may have gone unseen, an `unseen` unit.
 */
export function deriveUnits(tl: Timeline): Unit[] {
	const units: Unit[] = [];
	const inv = tl.epochObs('invites');
	const seen = new Set<string>();
	for (const o of inv) for (const code of o.invites?.keys() ?? []) seen.add(code);

	for (let i = 1; i < inv.length; i++) {
		const a = inv[i - 1] as Obs;
		const b = inv[i] as Obs;
		const before = a.invites as Map<string, { uses: number }>;
		const after = b.invites as Map<string, { uses: number }>;
		const push = (code: string, r: Range) => {
			if (r.hi <= 0) return;
			units.push({
				id: `i${a.seq}-${b.seq}:${code}`,
				source: `code:${code}`,
				code,
				...r,
				startSeq: a.seq,
				endSeq: b.seq,
				from: 0,
				to: 0,
			});
		};
		for (const [code, state] of after) {
			const was = before.get(code);
			const gained = state.uses - (was?.uses ?? 0);
			if (gained > 0) push(code, exact(gained));
		}
		for (const [code, state] of before) {
			if (after.has(code)) continue;
			const f = tl.codes.get(code);
			if (f) push(code, vanishedUses(tl, f, state.uses, b, eventsSeen(tl, a)));
		}
		if (!creationsKnownThrough(tl, b, a))
			units.push({
				id: `i${a.seq}-${b.seq}:?`,
				source: 'unseen',
				lo: 0,
				hi: Number.POSITIVE_INFINITY,
				// Only the audit log could still tell; without it this is as much as will ever be known.
				settled: !tl.options.auditLog,
				startSeq: a.seq,
				endSeq: b.seq,
				from: 0,
				to: 0,
			});
	}

	for (const f of tl.codes.values()) {
		if (seen.has(f.code) || (!f.created && !f.auditCreate)) continue;
		const span = floatingSpan(tl, f, inv);
		if (!span) continue;
		const r =
			span.end === null
				? { lo: 0, hi: f.maxUses > 0 ? f.maxUses : Number.POSITIVE_INFINITY, settled: false }
				: vanishedUses(tl, f, 0, span.end, span.start !== null && eventsSeen(tl, span.start));
		// Possibly used before tracking began: then its uses belong to no window.
		if (span.start === null) r.lo = 0;
		if (r.hi <= 0) continue;
		units.push({
			id: `f:${f.code}`,
			source: `code:${f.code}`,
			code: f.code,
			...r,
			startSeq: span.start?.seq ?? -1,
			endSeq: span.end?.seq ?? Number.POSITIVE_INFINITY,
			floating: true,
			from: 0,
			to: 0,
		});
	}

	const van = tl.epochObs('vanity');
	for (let i = 1; i < van.length; i++) {
		const a = van[i - 1] as Obs;
		const b = van[i] as Obs;
		const d = (b.vanityUses ?? 0) - (a.vanityUses ?? 0);
		// A lower count means the vanity code changed (a new code starts at 0): its uses are unknown.
		const r = d >= 0 ? exact(d) : { lo: 0, hi: Number.POSITIVE_INFINITY, settled: true };
		if (r.hi <= 0) continue;
		units.push({
			id: `v${a.seq}-${b.seq}`,
			source: 'vanity',
			...r,
			startSeq: a.seq,
			endSeq: b.seq,
			from: 0,
			to: 0,
		});
	}
	return units;
}

/** INVITE_CREATE/DELETE reached Foyer for the whole window after `start` (not so across a downtime). */
export function eventsSeen(tl: Timeline, start: Obs): boolean {
	return tl.options.inviteEventsComplete && !start.offline;
}

/** Every invite created before snapshot `b` was taken is known (from the audit log read after it, or from events). */
export function creationsKnownThrough(tl: Timeline, b: Obs, start: Obs): boolean {
	if (tl.options.auditLog && tl.auditCheckedTick > b.doneTick) return true;
	// Guild events come in the order they happened: once a join that happened after the snapshot
	// (by Discord's clock) is in, so is every INVITE_CREATE from before it.
	return eventsSeen(tl, start) && tl.eventsSurelyIn(b);
}

/**
 * Between which snapshots a code that no snapshot listed lived: after the last one answered before
 * it was created (by Discord's clock), before the first one sent once Foyer knew of
 * it (or sent after its creation). `start` null: it may predate tracking; `end` null: not yet known.
 */
function floatingSpan(tl: Timeline, f: CodeFacts, inv: Obs[]): { start: Obs | null; end: Obs | null } | null {
	const { lo, hi } = tl.offset;
	let start: Obs | null = null;
	let end: Obs | null = null;
	for (const o of inv) {
		if (f.createdAt !== null && o.doneAt + hi < f.createdAt) start = o;
		const knewBefore = o.sentTick > f.learnedTick || (f.createdAt !== null && o.sentAt + lo > f.createdAt);
		if (knewBefore && end === null) end = o;
	}
	if (start && end && end.seq <= start.seq) return null;
	return { start, end };
}
