import { describeOnBackends, type SeenMessage, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { balanceOf, history } from '../_balances.ts';
import { deliver, newSecret, order, startLoyalty } from './_harness.ts';

/** Who a reply notified: channel messages list user ids, interaction replies `{ users, roles, everyone }`. */
const pinged = (m: SeenMessage) => {
	const p = m.pings as unknown;
	return Array.isArray(p)
		? p
		: [...((p as { users?: string[] }).users ?? []), ...((p as { roles?: string[] }).roles ?? [])];
};

/** `/points view|top|history|adjust|purchase` as members and admins run them. */
describeOnBackends('/points', (backend) => {
	let h: TestFoyer;
	let secret: string;
	let alice: string;
	let bob: string;
	beforeAll(async () => {
		h = await startLoyalty(backend, { invites: false });
		secret = await newSecret(h);
		alice = await h.join({ username: 'alice', globalName: 'Alice' });
		bob = await h.join({ username: 'bob', globalName: 'Bob' });
		await deliver(h, order({ order_id: 'C-1', user_id: alice, amount: '150.00' }), { secret });
		await deliver(h, order({ order_id: 'C-2', user_id: bob, amount: '40.00' }), { secret });
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('view: your balance, tier and next tier; another member’s without pinging them', async () => {
		const mine = await h.command(alice, 'points view');
		expect(mine.content).toBe('You have **150** points: **VIP Tier 1**.\nNext: VIP Tier 2 at 200 points (50 to go).');
		const theirs = await h.command(alice, 'points view', { user: bob });
		expect(theirs.content).toBe(
			`<@${bob}> has **40** points, no tier yet.\nNext: VIP Tier 1 at 100 points (60 to go).`,
		);
		expect(pinged(theirs)).toEqual([]);
	});

	it('top: members by points, with tiers', async () => {
		const top = await h.command(bob, 'points top');
		expect(top.content.split('\n')).toEqual([
			'Leaderboard, page 1 of 1:',
			`1. <@${alice}>: 150 points (VIP Tier 1)`,
			`2. <@${bob}>: 40 points`,
		]);
		expect(pinged(top)).toEqual([]);
	});

	it('adjust: Manage Server only; the reason goes in the ledger; taking more than the member has is refused', async () => {
		const denied = await h.command(bob, 'points adjust', { user: bob, amount: 1000, reason: 'please' });
		expect(denied.content).toBe('You need the Manage Server permission to change points.');
		expect((await balanceOf(h.guildId, bob))?.points).toBe(40);
		const given = await h.command(h.demo.adminId, 'points adjust', { user: bob, amount: 70, reason: 'Event winner' });
		expect(given.content).toBe(`Adjusted <@${bob}> by +70: 110 points now.`);
		const [line] = (await history(h.guildId, bob, 1, 1)).items;
		expect(line).toMatchObject({
			amount: 70,
			reason: 'admin',
			actor: h.demo.adminId,
			note: 'Event winner',
			balanceAfter: 110,
		});
		const tooMuch = await h.command(h.demo.adminId, 'points adjust', { user: bob, amount: -500, reason: 'oops' });
		expect(tooMuch.content).toBe('Not adjusted: The member has 110 points: taking 500 would leave them below 0.');
		expect((await balanceOf(h.guildId, bob))?.points).toBe(110);
	});

	it('purchase: an admin records a purchase and its refund by hand, each once', async () => {
		const bought = await h.command(h.demo.adminId, 'points purchase', { user: bob, amount: '25.50', order: 'SHOP-9' });
		expect(bought.content).toBe('Recorded the purchase SHOP-9 of 25.50 USD for Bob: +25 points.');
		const again = await h.command(h.demo.adminId, 'points purchase', { user: bob, amount: '25.50', order: 'SHOP-9' });
		expect(again.content).toBe(
			'The purchase SHOP-9 of 25.50 USD for Bob was already recorded (25 points); nothing changed.',
		);
		const refund = await h.command(h.demo.adminId, 'points purchase', {
			user: bob,
			amount: '25.50',
			order: 'SHOP-9',
			type: 'refund',
		});
		expect(refund.content).toBe('Recorded the refund SHOP-9 of 25.50 USD for Bob: -25 points.');
		const bad = await h.command(h.demo.adminId, 'points purchase', { user: bob, amount: 'lots', order: 'SHOP-10' });
		expect(bad.content).toBe('Not recorded: amount must be a positive amount like 49.99, with at most 2 decimals');
		const member = await h.command(bob, 'points purchase', { user: bob, amount: '1000.00', order: 'SELF-1' });
		expect(member.content).toBe('You need the Manage Server permission to change points.');
		expect((await balanceOf(h.guildId, bob))?.points).toBe(110);
	});

	it('history: newest first with the balance after each line, paged; another member’s needs Manage Server', async () => {
		for (let i = 0; i < 12; i++)
			await h.command(h.demo.adminId, 'points adjust', { user: alice, amount: 1, reason: `bonus ${i}` });
		const first = await h.command(alice, 'points history');
		const lines = first.content.split('\n');
		expect(lines[0]).toBe(`<@${alice}>, page 1 of 2:`);
		expect(lines).toHaveLength(1 + 10 + 1);
		expect(lines[1]).toMatch(/^<t:\d+:d> \+1 admin \(adjust-\d+\) → 162$/);
		expect(lines.at(-1)).toBe('Older: /points history page:2');
		const second = await h.command(alice, 'points history', { page: 2 });
		expect(second.content.split('\n').at(-1)).toMatch(/\+150 purchase \(C-1\) → 150$/);
		expect((await h.command(bob, 'points history', { user: alice })).content).toBe(
			'You can see your own history; another member’s needs the Manage Server permission.',
		);
		expect((await h.command(h.demo.adminId, 'points history', { user: alice })).content).toContain('page 1 of 2');
	});
});
