import { candidatesOf } from './candidates.ts';
import { type Cut, computeCuts, placeUnits } from './cuts.ts';
import { feasibleAssignments, type JoinClass } from './solver.ts';
import type { Obs, TJoin, Unit } from './state.ts';
import type { Timeline } from './timeline.ts';
import type { Attribution, Candidate, JoinDecision } from './types.ts';
import { creationsKnownThrough, deriveUnits } from './units.ts';

export type AuditNeed = 'deletion' | 'confirm' | 'conflict' | null;

export interface DecideResult {
	/** Joins whose attribution became more exact (or final) since the last call. */
	decisions: JoinDecision[];
	/**
	 * Reading the audit log would settle something: a deleted invite's uses, whether invites were
	 * created unseen before the last snapshot (`confirm`: a later join would tell as well), or a
	 * contradiction that an invite found there may explain.
	 */
	needAudit: AuditNeed;
	/** The evidence admits no explanation (it was acted on: the joins still open are decided unknown). */
	conflict: boolean;
	/** On a conflict: joins attributed earlier whose evidence the conflict puts in doubt. */
	doubted: string[];
}

const WILDCARD_CAP = 5_000;

/**
 * Decides what the evidence allows: every join that all consistent explanations credit to the same
 * inviter (or the vanity URL) is attributed at once, and no later evidence can change that. A join
 * with several possible sources is decided ambiguous (with them as candidates) once nothing that
 * could still arrive can touch it: its window is closed by later snapshots and every join of its
 * window has been received.
 */
export function decide(
	tl: Timeline,
	attempt: { auditTried: boolean; now?: number } = { auditTried: true },
): DecideResult {
	tl.now = attempt.now;
	const units = deriveUnits(tl);
	const firstCuts = computeCuts(tl, units);
	placeUnits(units, firstCuts);
	boundByLifetime(tl, units);
	const cuts = computeCuts(tl, units);
	const obsBySeq = new Map(tl.obs.map((o) => [o.seq, o] as const));
	const extra = specialUnits(tl, cuts);
	const all = [...units, ...extra];
	placeUnits(units, cuts);
	const active = all.filter((u) => !tl.consumed.has(u.id));
	const n = tl.joins.length;
	const needAudit = auditWanted(
		tl,
		tl.joins.some((j) => !j.decided),
	);

	// Classes of interchangeable joins (same candidate set), then not-yet-received positions.
	const classes = new Map<string, { cls: JoinClass; joins: TJoin[]; wildcard: boolean }>();
	const add = (cands: string[], join: TJoin | null, extraKey: string) => {
		const key = `${extraKey}|${[...cands].sort().join(',')}`;
		let c = classes.get(key);
		if (!c) {
			c = { cls: { id: key, size: 0, candidates: cands }, joins: [], wildcard: join === null };
			classes.set(key, c);
		}
		c.cls.size++;
		if (join) c.joins.push(join);
	};
	for (const j of tl.joins) if (!j.closed) add(candidatesOf(tl, { pos: j.pos, identity: j }, active, obsBySeq), j, 'j');
	// Joins not received yet may hold units: as many positions as bounded units could still need.
	let need = 0;
	let reach = n;
	for (const u of active)
		if (u.to > n && Number.isFinite(u.hi)) {
			need += u.hi;
			reach = Math.max(reach, u.to);
		}
	const lastPos = Math.min(reach, n + need, n + WILDCARD_CAP);
	for (let p = n + 1; p <= lastPos; p++) add(candidatesOf(tl, { pos: p, identity: null }, active, obsBySeq), null, 'w');
	const phantoms = phantomClass(tl, active);
	if (phantoms) classes.set(phantoms.id, { cls: phantoms, joins: [], wildcard: true });

	const list = [...classes.values()];
	const result = feasibleAssignments(
		active.map((u) => ({ id: u.id, lo: u.lo, hi: u.hi })),
		list.map((c) => c.cls),
	);
	if (!result.ok) {
		if (tl.options.auditLog && !attempt.auditTried)
			return { decisions: [], needAudit: 'conflict', conflict: false, doubted: [] };
		return { ...giveUp(tl, all), needAudit: null, conflict: true };
	}

	const byId = new Map(all.map((u) => [u.id, u] as const));
	const closed = closedComponents(tl, list, active);
	const decisions: JoinDecision[] = [];
	for (const c of list) {
		if (c.wildcard) continue;
		const possible = [...(result.possible.get(c.cls.id) ?? [])].map((id) => byId.get(id) as Unit);
		const isClosed = closed.has(c.cls.id);
		for (const j of c.joins) {
			if (isClosed) j.closed = true;
			if (j.decided) continue;
			const a = attributionOf(tl, j, possible, isClosed);
			if (!a) continue;
			const final = a.status !== 'ambiguous' || isClosed;
			if (!final && sameAttribution(j.last, a)) continue;
			j.last = a;
			j.decided = final;
			decisions.push({ key: j.key, userId: j.userId, joinedAt: j.joinedAt, attribution: a, final });
		}
	}
	for (const id of closed.unitIds) tl.consumed.add(id);
	return { decisions, needAudit, conflict: false, doubted: [] };
}

/**
 * A code can only have been used by joins from its lifetime (Discord's clock: created_at to
 * expires_at). Once a join from after its expiry is in, every join before it is too (events come in
 * order), so the uses an expired invite may have had are at most the joins of its window that
 * happened before it expired. Without this one expired unlimited invite would leave every later
 * count open-ended.
 */
function boundByLifetime(tl: Timeline, units: Unit[]): void {
	const skew = tl.options.serverSkewMs;
	const bySeq = new Map(tl.obs.map((o) => [o.seq, o] as const));
	for (const u of units) {
		if (u.code === undefined || u.hi <= u.lo) continue;
		const f = tl.codes.get(u.code);
		if (!f || f.expiresAt === null || tl.maxJoinedAt < f.expiresAt + skew) continue;
		// Its window by Discord's clock too: after its first snapshot was sent, before its last was answered.
		const start = bySeq.get(u.startSeq);
		const end = Number.isFinite(u.endSeq) ? bySeq.get(u.endSeq) : undefined;
		const after = Math.max(
			f.createdAt === null ? Number.NEGATIVE_INFINITY : f.createdAt - skew,
			start ? start.sentAt + tl.offset.lo : Number.NEGATIVE_INFINITY,
		);
		const before = Math.min(f.expiresAt + skew, end ? end.doneAt + tl.offset.hi : Number.POSITIVE_INFINITY);
		let n = 0;
		for (const j of tl.joins) if (j.pos > u.from && j.pos <= u.to && j.joinedAt >= after && j.joinedAt < before) n++;
		u.hi = Math.max(u.lo, Math.min(u.hi, n));
	}
}

/** 'before' (uses in the first snapshot), 'open' (not in any snapshot yet), 'void' (a downtime join who left). */
function specialUnits(tl: Timeline, cuts: Map<number, Cut>): Unit[] {
	const out: Unit[] = [];
	const obs = tl.obs;
	const hasCheckpoint = obs[0]?.fixedN !== undefined;
	const lastOf = (kind: string) => [...obs].reverse().find((o) => o.kind === kind || o.fixedN !== undefined);
	if (!hasCheckpoint) {
		let to = 0;
		for (const kind of tl.kinds) {
			const first = obs.find((o) => o.kind === kind);
			to = Math.max(to, first ? (cuts.get(first.seq)?.hi ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY);
		}
		if (obs.length === 0) to = Number.POSITIVE_INFINITY;
		out.push(unit(`b${tl.epochSeq}`, 'before', 0, to, true));
	}
	let from = Number.POSITIVE_INFINITY;
	for (const kind of tl.kinds) {
		const last = lastOf(kind);
		from = Math.min(from, last ? (cuts.get(last.seq)?.lo ?? 0) : 0);
	}
	if (obs.length === 0) from = 0;
	out.push(unit('open', 'open', from, Number.POSITIVE_INFINITY, false));
	if (obs[0]?.offline) out.push(unit('void', 'void', 0, 0, true));
	return out;
}

function unit(id: string, source: Unit['source'], from: number, to: number, settled: boolean): Unit {
	return {
		id,
		source,
		lo: 0,
		hi: Number.POSITIVE_INFINITY,
		settled,
		startSeq: -1,
		endSeq: Number.POSITIVE_INFINITY,
		from,
		to,
	};
}

/** Members who joined during downtime and left again: they used units of the downtime window without a position. */
function phantomClass(tl: Timeline, active: Unit[]): JoinClass | null {
	const cp = tl.obs[0];
	if (!cp?.offline) return null;
	const downtime = active.filter(
		(u) => u.startSeq <= cp.seq && u.source !== 'before' && u.source !== 'open' && u.source !== 'void',
	);
	let size = 0;
	for (const u of downtime) size += Math.min(u.hi, WILDCARD_CAP);
	if (size === 0) return null;
	return { id: 'phantoms', size: Math.min(size, WILDCARD_CAP), candidates: [...downtime.map((u) => u.id), 'void'] };
}

function auditWanted(tl: Timeline, joinsOpen: boolean): AuditNeed {
	if (!tl.options.auditLog) return null;
	for (const f of tl.codes.values())
		if (f.deleted && !f.auditDelete && tl.auditCheckedTick < f.deleted.tick) return 'deletion';
	if (!joinsOpen) return null;
	const inv = tl.epochObs('invites');
	const last = inv.at(-1);
	const before = inv.at(-2);
	return last !== undefined && before !== undefined && !creationsKnownThrough(tl, last, before) ? 'confirm' : null;
}

interface Closed {
	has(classId: string): boolean;
	unitIds: Set<string>;
}

/**
 * Components (joins linked by units they may share) that nothing can reach any more: no join still
 * to come (no not-yet-received position), no unit still open or unsettled, every unit's window
 * followed by a snapshot of each kind (so the windows of the other kind around it are known).
 */
function closedComponents(tl: Timeline, list: { cls: JoinClass; wildcard: boolean }[], active: Unit[]): Closed {
	const parent = new Map<string, string>();
	const find = (x: string): string => {
		let r = x;
		while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r) as string;
		parent.set(x, r);
		return r;
	};
	const union = (a: string, b: string) => {
		const ra = find(a);
		const rb = find(b);
		if (ra !== rb) parent.set(ra, rb);
	};
	for (const c of list) {
		parent.set(`c:${c.cls.id}`, `c:${c.cls.id}`);
		for (const id of c.cls.candidates) {
			if (!parent.has(`u:${id}`)) parent.set(`u:${id}`, `u:${id}`);
			union(`c:${c.cls.id}`, `u:${id}`);
		}
	}
	const n = tl.joins.length;
	// A window is known once every other kind has a snapshot after it (the windows of that kind around it are then closed).
	const lastOf = (kind: string) =>
		[...tl.obs].reverse().find((o: Obs) => o.kind === kind || o.fixedN !== undefined)?.seq ?? -2;
	const windowKnown = (u: Unit) => {
		if (u.source === 'before' || u.source === 'void') return true;
		const kind = u.source === 'vanity' ? 'vanity' : 'invites';
		for (const k of tl.kinds) if (k !== kind && lastOf(k) <= u.endSeq) return false;
		return Number.isFinite(u.endSeq);
	};
	const open = new Set<string>();
	for (const c of list) if (c.wildcard && c.cls.id !== 'phantoms') open.add(find(`c:${c.cls.id}`));
	for (const u of active) {
		if (!parent.has(`u:${u.id}`)) continue;
		const ok = u.settled && u.source !== 'open' && u.to <= n && windowKnown(u);
		if (!ok) open.add(find(`u:${u.id}`));
	}
	const unitIds = new Set<string>();
	for (const u of active) if (parent.has(`u:${u.id}`) && !open.has(find(`u:${u.id}`))) unitIds.add(u.id);
	return { has: (id) => !open.has(find(`c:${id}`)), unitIds };
}

const creditKey = (tl: Timeline, u: Unit): string => {
	if (u.source === 'vanity') return 'vanity';
	if (u.code !== undefined) {
		const inviter = tl.codes.get(u.code)?.inviterId;
		return inviter ? `user:${inviter}` : `code:${u.code}`;
	}
	return u.source;
};

function candidateList(tl: Timeline, possible: Unit[]): Candidate[] {
	const seen = new Set<string>();
	const out: Candidate[] = [];
	for (const u of possible) {
		const key = u.code ?? u.source;
		if (seen.has(key)) continue;
		seen.add(key);
		if (u.source === 'vanity') out.push({ code: null, inviterId: null });
		else if (u.code !== undefined) out.push({ code: u.code, inviterId: tl.codes.get(u.code)?.inviterId ?? null });
	}
	return out;
}

function attributionOf(tl: Timeline, j: TJoin, possible: Unit[], closed: boolean): Attribution | null {
	if (possible.some((u) => u.source === 'open')) return null;
	const keys = new Set(possible.map((u) => creditKey(tl, u)));
	const candidates = candidateList(tl, possible);
	if (keys.size === 1) {
		const only = possible[0] as Unit;
		if (only.source === 'vanity') return { status: 'attributed', source: 'vanity', offline: j.offline };
		if (only.code !== undefined) {
			const codes = [...new Set(possible.map((u) => u.code as string))].sort();
			return {
				status: 'attributed',
				source: 'invite',
				code: codes.length === 1 ? (codes[0] as string) : null,
				codes,
				inviterId: tl.codes.get(only.code)?.inviterId ?? null,
				offline: j.offline,
			};
		}
		if (only.source === 'before') return { status: 'unknown', reason: 'before-tracking', candidates: [] };
	}
	if (!closed) return null;
	if (keys.has('before')) return { status: 'unknown', reason: 'before-tracking', candidates };
	if (keys.has('unseen'))
		return {
			status: 'ambiguous',
			candidates: [...candidates, { code: null, inviterId: null, unseen: true }],
			offline: j.offline,
		};
	return { status: 'ambiguous', candidates, offline: j.offline };
}

function sameAttribution(a: Attribution | null, b: Attribution): boolean {
	return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

/** The evidence contradicts itself: every open join is decided unknown, and tracking starts afresh. */
function giveUp(tl: Timeline, units: Unit[]): { decisions: JoinDecision[]; doubted: string[] } {
	const decisions: JoinDecision[] = [];
	const doubted: string[] = [];
	const obsBySeq = new Map(tl.obs.map((o) => [o.seq, o] as const));
	const byId = new Map(units.map((u) => [u.id, u] as const));
	for (const j of tl.joins) {
		if (j.closed) continue;
		j.closed = true;
		if (j.decided) {
			if (j.last?.status === 'attributed') doubted.push(j.key);
			continue;
		}
		const cands = candidatesOf(tl, { pos: j.pos, identity: j }, units, obsBySeq);
		const attribution: Attribution = {
			status: 'unknown',
			reason: 'evidence-conflict',
			candidates: candidateList(
				tl,
				cands.map((id) => byId.get(id) as Unit),
			),
		};
		j.decided = true;
		j.last = attribution;
		decisions.push({ key: j.key, userId: j.userId, joinedAt: j.joinedAt, attribution, final: true });
	}
	tl.newEpoch();
	return { decisions, doubted };
}
