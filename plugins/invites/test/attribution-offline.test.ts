import { describe, expect, it } from 'vitest';
import { joinSourceOf } from '../attribution/index.ts';
import type { Attribution } from '../attribution/types.ts';
import { SimGuild } from './_sim.ts';

const of = (g: SimGuild, userId: string): Attribution | undefined =>
	[...g.decisions.values()].find((d) => d.userId === userId)?.attribution;

/** A tracked guild, quiet long enough to have a checkpoint, then Foyer goes down. */
async function downtime(options: ConstructorParameters<typeof SimGuild>[0] = {}) {
	const g = new SimGuild({ latency: [10, 10], rtt: [20, 20], ...options });
	const alice = g.createInvite({ inviterId: 'alice' });
	const bob = g.createInvite({ inviterId: 'bob' });
	await g.start();
	await g.settle(5_000);
	g.join(alice, 'before');
	await g.settle(10_000);
	const checkpoint = g.tracker.checkpoint();
	expect(checkpoint).not.toBeNull();
	g.goOffline();
	return { g, alice, bob, checkpoint: checkpoint as NonNullable<typeof checkpoint> };
}

describe('joins that happened while Foyer was offline', () => {
	it('are found at start and attributed from the uses that grew, where that is unambiguous', async () => {
		const { g, bob, checkpoint } = await downtime();
		g.join(bob, 'm1');
		await g.settle(60_000);
		await g.comeBack(checkpoint);
		await g.settle(90_000);
		const a = of(g, 'm1');
		expect(a?.status === 'attributed' && a.source === 'invite' && [a.inviterId, a.code, a.offline]).toEqual([
			'bob',
			bob,
			true,
		]);
	});

	it('are recorded as "offline" (ambiguous, with candidates) when several inviters fit', async () => {
		const { g, alice, bob, checkpoint } = await downtime();
		g.join(alice, 'm1');
		await g.settle(1_000);
		g.join(bob, 'm2');
		await g.settle(60_000);
		await g.comeBack(checkpoint);
		await g.settle(90_000);
		for (const m of ['m1', 'm2']) {
			const a = of(g, m);
			expect(a && joinSourceOf(a)).toBe('offline');
			expect(a?.status === 'ambiguous' && a.candidates.map((c) => c.inviterId).sort()).toEqual(['alice', 'bob']);
		}
	});

	it('a member who joined and left during the downtime leaves a use nobody can be tied to: the other is ambiguous', async () => {
		const { g, alice, bob, checkpoint } = await downtime();
		g.join(alice, 'gone');
		g.join(bob, 'm2');
		g.leave('gone');
		await g.settle(60_000);
		await g.comeBack(checkpoint);
		await g.settle(90_000);
		expect(of(g, 'gone')).toBeUndefined();
		expect(of(g, 'm2')?.status).toBe('ambiguous');
		expect(g.score().wrong).toBe(0);
	});

	it('a one-use invite created and used up during the downtime is credited from the audit log', async () => {
		const { g, checkpoint } = await downtime({ auditOnUseUp: false });
		const once = g.createInvite({ inviterId: 'carol', maxUses: 1 });
		g.join(once, 'm1');
		await g.settle(60_000);
		await g.comeBack(checkpoint);
		await g.settle(90_000);
		const a = of(g, 'm1');
		expect(a?.status === 'attributed' && a.source === 'invite' && [a.inviterId, a.code]).toEqual(['carol', once]);
	});

	it('joins after the restart are tracked as usual, and none is counted twice', async () => {
		const { g, alice, bob, checkpoint } = await downtime();
		g.join(alice, 'm1');
		await g.settle(60_000);
		await g.comeBack(checkpoint);
		await g.settle(10_000);
		g.join(bob, 'm2');
		await g.settle(10_000);
		expect(of(g, 'm1')?.status).toBe('attributed');
		const a = of(g, 'm2');
		expect(a?.status === 'attributed' && a.source === 'invite' && [a.inviterId, a.offline]).toEqual(['bob', false]);
		expect(g.emitted.filter((d) => d.userId === 'before')).toHaveLength(1);
	});
});
