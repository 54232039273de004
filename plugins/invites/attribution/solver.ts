import { FlowNetwork } from './flow.ts';

/**
 * Units of evidence: "between these two snapshots, code X was used between `lo` and `hi` times".
 * `hi` may be Infinity.
 */
export interface UnitBucket {
	id: string;
	lo: number;
	hi: number;
}

/** Joins that cannot be told apart by the evidence: `size` of them, each used one of `candidates`. */
export interface JoinClass {
	id: string;
	size: number;
	candidates: readonly string[];
}

export type Feasibility =
	| {
			ok: true /** For each class, the buckets some join of it takes in at least one consistent assignment. */;
			possible: Map<string, Set<string>>;
	  }
	| { ok: false };

const BIG = 1e12;

/**
 * Every way to give each join one bucket so that each bucket gets between lo and hi joins is a
 * consistent explanation of the evidence; the truth is one of them. A join is exactly attributable
 * iff all of them agree on its source. This computes, per class, the buckets that appear in at least
 * one consistent assignment: one feasible flow (lower bounds first, then the rest), then for each
 * unused class → bucket edge, whether a residual cycle goes through it (a path from the bucket back
 * to the class), which is the standard test for "some feasible flow uses this edge".
 */
export function feasibleAssignments(buckets: readonly UnitBucket[], classes: readonly JoinClass[]): Feasibility {
	const bIndex = new Map<string, number>();
	for (const [i, b] of buckets.entries()) bIndex.set(b.id, i);
	const nC = classes.length;
	const nB = buckets.length;
	const S = nC + nB;
	const T = S + 1;
	const net = new FlowNetwork(nC + nB + 2);
	const classNode = (i: number) => i;
	const bucketNode = (i: number) => nC + i;

	let supply = 0;
	const edges: { c: number; b: number; e: number }[] = [];
	classes.forEach((c, ci) => {
		supply += c.size;
		net.addEdge(S, classNode(ci), c.size);
		for (const id of new Set(c.candidates)) {
			const bi = bIndex.get(id);
			if (bi === undefined) continue;
			edges.push({ c: ci, b: bi, e: net.addEdge(classNode(ci), bucketNode(bi), BIG) });
		}
	});
	let lower = 0;
	const sinkEdges = buckets.map((b, bi) => {
		lower += b.lo;
		return net.addEdge(bucketNode(bi), T, b.lo);
	});
	if (lower > supply) return { ok: false };
	if (net.maxFlow(S, T) < lower) return { ok: false };
	buckets.forEach((b, bi) => {
		net.addCapacity(sinkEdges[bi] as number, Math.min(b.hi, BIG) - b.lo);
	});
	if (lower + net.maxFlow(S, T) < supply) return { ok: false };

	const inflow = sinkEdges.map((e) => net.flow(e));
	const flowOn = new Map<number, number>();
	const sentTo: number[][] = classes.map(() => []);
	const classesOf: number[][] = buckets.map(() => []);
	for (const { c, b, e } of edges) {
		const f = net.flow(e);
		flowOn.set(c * nB + b, f);
		if (f > 0) sentTo[c]?.push(b);
		classesOf[b]?.push(c);
	}

	// Reverse reachability in the residual graph. Residual edges: class → bucket (always, infinite),
	// bucket → class (flow > 0), bucket → T (below hi), T → bucket (above lo).
	const possible = new Map<string, Set<string>>();
	classes.forEach((cls, ci) => {
		const seenC = new Uint8Array(nC);
		const seenB = new Uint8Array(nB);
		let seenT = false;
		const queue: number[] = [classNode(ci)];
		seenC[ci] = 1;
		for (let qi = 0; qi < queue.length; qi++) {
			const node = queue[qi] as number;
			if (node < nC) {
				for (const b of sentTo[node] ?? []) {
					if (!seenB[b]) {
						seenB[b] = 1;
						queue.push(bucketNode(b));
					}
				}
			} else if (node === T) {
				buckets.forEach((bk, bi) => {
					if (!seenB[bi] && (inflow[bi] as number) < Math.min(bk.hi, BIG)) {
						seenB[bi] = 1;
						queue.push(bucketNode(bi));
					}
				});
			} else {
				const bi = node - nC;
				for (const c of classesOf[bi] ?? []) {
					if (!seenC[c]) {
						seenC[c] = 1;
						queue.push(classNode(c));
					}
				}
				if (!seenT && (inflow[bi] as number) > (buckets[bi] as UnitBucket).lo) {
					seenT = true;
					queue.push(T);
				}
			}
		}
		const set = new Set<string>();
		for (const id of cls.candidates) {
			const bi = bIndex.get(id);
			if (bi === undefined) continue;
			if ((flowOn.get(ci * nB + bi) ?? 0) > 0 || seenB[bi]) set.add(id);
		}
		possible.set(cls.id, set);
	});
	return { ok: true, possible };
}
