import { describe, expect, it } from 'vitest';
import { feasibleAssignments, type JoinClass, type UnitBucket } from '../attribution/solver.ts';
import { rng } from './_sim.ts';

/** Every assignment of each join to one of its candidates that meets every bucket's [lo, hi]. */
function bruteForce(buckets: UnitBucket[], joins: string[][]) {
	const possible = joins.map(() => new Set<string>());
	let any = false;
	const counts = new Map<string, number>(buckets.map((b) => [b.id, 0]));
	const pick: string[] = [];
	const walk = (i: number) => {
		if (i === joins.length) {
			if (buckets.every((b) => (counts.get(b.id) as number) >= b.lo && (counts.get(b.id) as number) <= b.hi)) {
				any = true;
				for (const [k, id] of pick.entries()) possible[k]?.add(id);
			}
			return;
		}
		for (const id of joins[i] ?? []) {
			counts.set(id, (counts.get(id) as number) + 1);
			pick.push(id);
			walk(i + 1);
			pick.pop();
			counts.set(id, (counts.get(id) as number) - 1);
		}
	};
	walk(0);
	return any ? possible : null;
}

describe('feasibleAssignments', () => {
	it('finds exactly the sources some consistent assignment gives each join (500 random problems against brute force)', () => {
		const r = rng(42);
		for (let t = 0; t < 500; t++) {
			const buckets: UnitBucket[] = Array.from({ length: r.int(1, 4) }, (_, i) => {
				const lo = r.int(0, 2);
				return { id: `b${i}`, lo, hi: r.chance(0.2) ? Number.POSITIVE_INFINITY : lo + r.int(0, 2) };
			});
			const joins = Array.from({ length: r.int(1, 6) }, () => buckets.filter(() => r.chance(0.6)).map((b) => b.id));
			const classes: JoinClass[] = joins.map((c, i) => ({ id: `j${i}`, size: 1, candidates: c }));
			const expected = bruteForce(buckets, joins);
			const got = feasibleAssignments(buckets, classes);
			if (!expected) {
				expect(got.ok, `problem ${t}`).toBe(false);
				continue;
			}
			expect(got.ok, `problem ${t}`).toBe(true);
			if (!got.ok) continue;
			joins.forEach((_, i) => {
				expect([...(got.possible.get(`j${i}`) ?? [])].sort(), `problem ${t} join ${i}`).toEqual(
					[...(expected[i] ?? [])].sort(),
				);
			});
		}
	});

	it('groups of identical joins (one class of size k) behave like k single joins', () => {
		const buckets = [
			{ id: 'x', lo: 2, hi: 2 },
			{ id: 'y', lo: 1, hi: 1 },
		];
		const got = feasibleAssignments(buckets, [
			{ id: 'early', size: 1, candidates: ['x'] },
			{ id: 'late', size: 2, candidates: ['x', 'y'] },
		]);
		expect(got.ok && [...(got.possible.get('early') ?? [])]).toEqual(['x']);
		expect(got.ok && [...(got.possible.get('late') ?? [])].sort()).toEqual(['x', 'y']);
	});

	it('reports an impossible problem (more joins than uses) as infeasible', () => {
		expect(feasibleAssignments([{ id: 'x', lo: 1, hi: 1 }], [{ id: 'j', size: 2, candidates: ['x'] }]).ok).toBe(false);
	});
});
