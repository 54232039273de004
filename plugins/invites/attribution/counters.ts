/**
 * An inviter's counters in a guild (seed 000): effective = tracked + added - left - fake.
 *
 * `tracked` counts every join credited to the inviter (seed 000's "regular"); a join flagged by a
 * fraud rule is also counted in `fake`, which cancels it, so it adds nothing to `effective` (were it
 * left out of `tracked`, the formula would take it off a second time). `left` counts credited joins
 * that were not fake and whose member left. `added` is the admins' bonus (may be negative).
 */
export interface Counts {
	tracked: number;
	left: number;
	fake: number;
	added: number;
}

export const ZERO_COUNTS: Counts = { tracked: 0, left: 0, fake: 0, added: 0 };

export const effective = (c: Counts): number => c.tracked + c.added - c.left - c.fake;

/** What happened to one join record, as far as its inviter's counts go. */
export type CountEvent =
	| { kind: 'joined'; fake: boolean }
	/** The member left; `fake` is the join's state at that moment. */
	| { kind: 'left'; fake: boolean }
	/** A counted join was found fake later (a rule, or the blacklist). */
	| { kind: 'found-fake'; left: boolean }
	| { kind: 'bonus'; amount: number }
	/** `/invite reset`: the admins' bonus goes back to 0. */
	| { kind: 'reset-bonus' };

/** The change to an inviter's counts (applied with atomic `x = x + delta` updates). */
export function countDelta(c: Readonly<Counts>, e: CountEvent): Counts {
	switch (e.kind) {
		case 'joined':
			return { tracked: 1, left: 0, fake: e.fake ? 1 : 0, added: 0 };
		case 'left':
			return { tracked: 0, left: e.fake ? 0 : 1, fake: 0, added: 0 };
		// A join that had left already was counted in `left`: being fake replaces that.
		case 'found-fake':
			return { tracked: 0, left: e.left ? -1 : 0, fake: 1, added: 0 };
		case 'bonus':
			return { tracked: 0, left: 0, fake: 0, added: e.amount };
		case 'reset-bonus':
			return { tracked: 0, left: 0, fake: 0, added: -c.added };
	}
}

export const applyDelta = (c: Readonly<Counts>, d: Counts): Counts => ({
	tracked: c.tracked + d.tracked,
	left: c.left + d.left,
	fake: c.fake + d.fake,
	added: c.added + d.added,
});
