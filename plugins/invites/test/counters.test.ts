import { describe, expect, it } from 'vitest';
import {
	applyDelta,
	type CountEvent,
	type Counts,
	countDelta,
	effective,
	ZERO_COUNTS,
} from '../attribution/counters.ts';

const run = (events: CountEvent[]): Counts => events.reduce((c, e) => applyDelta(c, countDelta(c, e)), ZERO_COUNTS);

describe('inviter counters (seed 000: effective = tracked + added - left - fake)', () => {
	it('three valid joins count 3', () => {
		const c = run([
			{ kind: 'joined', fake: false },
			{ kind: 'joined', fake: false },
			{ kind: 'joined', fake: false },
		]);
		expect(c).toEqual({ tracked: 3, left: 0, fake: 0, added: 0 });
		expect(effective(c)).toBe(3);
	});

	it('a flagged join is counted fake and adds nothing to effective', () => {
		const c = run([
			{ kind: 'joined', fake: false },
			{ kind: 'joined', fake: true },
		]);
		expect(c).toEqual({ tracked: 2, left: 0, fake: 1, added: 0 });
		expect(effective(c)).toBe(1);
	});

	it('a leave takes a valid join off; a fake one leaving changes nothing more', () => {
		const c = run([
			{ kind: 'joined', fake: false },
			{ kind: 'joined', fake: true },
			{ kind: 'left', fake: false },
			{ kind: 'left', fake: true },
		]);
		expect(effective(c)).toBe(0);
		expect(c.left).toBe(1);
	});

	it('a join found fake later is taken off once, even if the member had left', () => {
		expect(
			effective(
				run([
					{ kind: 'joined', fake: false },
					{ kind: 'found-fake', left: false },
				]),
			),
		).toBe(0);
		expect(
			effective(
				run([
					{ kind: 'joined', fake: false },
					{ kind: 'left', fake: false },
					{ kind: 'found-fake', left: true },
				]),
			),
		).toBe(0);
	});

	it('bonus invites add to effective and /invite reset removes them', () => {
		const c = run([
			{ kind: 'joined', fake: false },
			{ kind: 'bonus', amount: 5 },
			{ kind: 'bonus', amount: -2 },
		]);
		expect(effective(c)).toBe(4);
		expect(
			effective(run([{ kind: 'joined', fake: false }, { kind: 'bonus', amount: 5 }, { kind: 'reset-bonus' }])),
		).toBe(1);
	});
});
