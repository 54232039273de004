import { codeAdmits } from './candidates.ts';
import { feasibleAssignments, type JoinClass, type UnitBucket } from './solver.ts';
import type { EngineOptions } from './state.ts';
import { DEFAULT_OPTIONS } from './state.ts';
import type { Source } from './types.ts';

/** A join as it really happened, in the order it happened. */
export interface TrueJoin {
	userId: string;
	joinedAt: number;
	roleIds?: readonly string[];
	source: Source | { kind: 'none' };
}

/** A snapshot as it really was taken: how many joins had happened before it. */
export interface TrueSnapshot {
	kind: 'invites' | 'vanity';
	joinsBefore: number;
}

/** What any tracker can know about a code (the facts the evidence rules use). */
export interface TrueCode {
	code: string;
	inviterId: string | null;
	createdAt: number | null;
	expiresAt: number | null;
	targetUserIds?: readonly string[];
	roleIds?: readonly string[];
	/** Joins that happened before its INVITE_CREATE / INVITE_DELETE (if there were such events). */
	createdAfterJoins?: number;
	deletedAfterJoins?: number;
}

export interface OracleResult {
	/** Joins after the first snapshots of every kind and before the last ones: the ones the windows cover. */
	covered: number;
	/** Of those, joins no algorithm can attribute: several inviters fit every piece of evidence. */
	bound: number;
}

/**
 * The oracle bound: given the snapshot windows a run actually had (from the emulator's ground truth,
 * so with exact window boundaries and exact uses per window), the joins whose source is still not
 * determined by the evidence any tracker could have (the same rules the engine uses: event order,
 * Discord's timestamps, invite targets). No tracker working from those windows can do better.
 */
export function oracleBound(
	joins: readonly TrueJoin[],
	snapshots: readonly TrueSnapshot[],
	codes: readonly TrueCode[],
	options: Partial<EngineOptions> = {},
): OracleResult {
	const opts = { ...DEFAULT_OPTIONS, ...options };
	const facts = new Map(codes.map((c) => [c.code, c] as const));
	const kinds = [...new Set(snapshots.map((s) => s.kind))];
	const cutsOf = (kind: TrueSnapshot['kind']) => snapshots.filter((s) => s.kind === kind).map((s) => s.joinsBefore);
	const cuts = new Map(kinds.map((k) => [k, cutsOf(k)] as const));
	const windowOf = (kind: TrueSnapshot['kind'], pos: number): number | null => {
		const c = cuts.get(kind) ?? [];
		for (let i = 1; i < c.length; i++) if ((c[i - 1] as number) < pos && pos <= (c[i] as number)) return i;
		return null;
	};
	const start = Math.max(...kinds.map((k) => cuts.get(k)?.[0] ?? 0));
	const end = Math.min(...kinds.map((k) => cuts.get(k)?.at(-1) ?? 0));

	const counts = new Map<string, number>();
	const keyOf = (j: TrueJoin, pos: number): string | null => {
		if (j.source.kind === 'none') return null;
		const kind = j.source.kind === 'vanity' ? 'vanity' : 'invites';
		const w = windowOf(kind, pos);
		if (w === null) return null;
		return j.source.kind === 'vanity' ? `v${w}` : `i${w}:${j.source.code}`;
	};
	joins.forEach((j, i) => {
		const key = keyOf(j, i + 1);
		if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
	});
	const roles = new Set<string>();
	for (const c of codes) for (const r of c.roleIds ?? []) roles.add(r);

	const classes = new Map<string, JoinClass & { positions: number[] }>();
	let covered = 0;
	joins.forEach((j, i) => {
		const pos = i + 1;
		if (pos <= start || pos > end) return;
		covered++;
		const cands: string[] = [];
		const iw = windowOf('invites', pos);
		for (const [key] of counts) {
			if (key.startsWith('v')) {
				if (windowOf('vanity', pos) === Number(key.slice(1))) cands.push(key);
				continue;
			}
			const [w, code] = key.slice(1).split(':') as [string, string];
			if (Number(w) !== iw) continue;
			const f = facts.get(code);
			const admits =
				!f ||
				codeAdmits(
					opts,
					{
						...(f.createdAfterJoins !== undefined ? { created: { tick: 0, pos: f.createdAfterJoins } } : {}),
						...(f.deletedAfterJoins !== undefined ? { deleted: { tick: 0, pos: f.deletedAfterJoins } } : {}),
						createdAt: f.createdAt,
						expiresAt: f.expiresAt,
						targetUserIds: f.targetUserIds ?? [],
						roleIds: f.roleIds ?? [],
					},
					{ pos, identity: { userId: j.userId, joinedAt: j.joinedAt, roleIds: j.roleIds ?? [] } },
					roles,
				);
			if (admits) cands.push(key);
		}
		const id = cands.sort().join(',');
		const c = classes.get(id) ?? { id, size: 0, candidates: cands, positions: [] };
		c.size++;
		c.positions.push(pos);
		classes.set(id, c);
	});
	const buckets: UnitBucket[] = [...counts].map(([id, n]) => ({ id, lo: n, hi: n }));
	// Joins outside the covered range still hold their units.
	joins.forEach((j, i) => {
		const pos = i + 1;
		if (pos > start && pos <= end) return;
		const key = keyOf(j, pos);
		if (!key) return;
		const id = `fixed:${key}`;
		const c = classes.get(id) ?? { id, size: 0, candidates: [key], positions: [] };
		c.size++;
		classes.set(id, c);
	});
	const r = feasibleAssignments(buckets, [...classes.values()]);
	if (!r.ok) throw new Error('oracle: ground truth is not consistent with its own counts');
	const credit = (key: string): string => {
		if (key.startsWith('v')) return 'vanity';
		const code = key.split(':')[1] as string;
		const inviter = facts.get(code)?.inviterId;
		return inviter ? `user:${inviter}` : `code:${code}`;
	};
	let bound = 0;
	for (const c of classes.values()) {
		if (c.id.startsWith('fixed:')) continue;
		const keys = new Set([...(r.possible.get(c.id) ?? [])].map(credit));
		if (keys.size !== 1) bound += c.size;
	}
	return { covered, bound };
}
