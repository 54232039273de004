import { describeOnBackends, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { balanceOf, history } from '../_balances.ts';
import { readTiers } from '../_tiers.ts';
import plugin from '../plugin.ts';
import { deliver, newSecret, order, startLoyalty } from './_harness.ts';
import { INVITES_MS, inviteCounts, inviterOf } from './_invites.ts';

/** Seed 004 "Loyalty System Testing", test "VIP upgrade", through the real stack (the real invites plugin included). */
describeOnBackends('VIP upgrade (seed 004)', (backend) => {
	let h: TestFoyer;
	beforeAll(async () => {
		h = await startLoyalty(backend);
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('0 points; 5 valid invites = 50; a $50 signed purchase = 100; VIP Tier 1 with its role and a congratulation DM', async () => {
		const g = h.guildId;
		// The admin chooses VIP Tier 1's role and turns invite points on.
		const tier1 = (await readTiers(g)).find((t) => t.name === 'VIP Tier 1');
		expect(tier1?.threshold).toBe(100);
		const admin = await h.dashboard();
		await admin.page(`/loyalty/${g}`);
		const vip = h.role('VIP');
		const saved = await admin.form(`/loyalty/${g}/tiers/update`, {
			tier: String(tier1?.id),
			name: 'VIP Tier 1',
			threshold: '100',
			role: vip,
			benefits: 'Special role, custom colour',
		});
		expect(saved.status).toBe(303);
		expect((await plugin.updateSettings(g, { invitePoints: true })).ok).toBe(true);
		const secret = await newSecret(h);

		// 1. User at 0 points.
		const inviter = await h.join({ username: 'vip-inviter', globalName: 'Vip Inviter', invite: 'vanity' });
		await h.waitFor(
			async () => (await inviterOf(h, inviter))?.source === 'vanity',
			'the inviter’s own join recorded',
			INVITES_MS,
		);
		expect((await balanceOf(g, inviter))?.points ?? 0).toBe(0);
		// 2-3. Invites 5 users: 5 members join through the inviter's code, the invites plugin credits
		// each to the inviter and announces it, loyalty gives 10 points each.
		const code = await h.createInvite({ inviterId: inviter });
		const invited: string[] = [];
		for (let i = 0; i < 5; i++) invited.push(await h.join({ username: `invited-${i}`, invite: code }));
		await h.waitFor(async () => (await balanceOf(g, inviter))?.points === 50, '50 points for 5 invites', INVITES_MS);
		for (const member of invited)
			expect(await inviterOf(h, member)).toEqual({ source: 'invite', inviterId: inviter, code, candidates: [] });
		expect(await inviteCounts(h, inviter)).toEqual({ tracked: 5, left: 0, fake: 0, added: 0, effective: 5 });
		const awards = (await history(g, inviter, 1, 10)).items;
		expect(awards.map((l) => [l.reason, l.amount])).toEqual(Array(5).fill(['invite', 10]));
		expect(awards.map((l) => l.note).sort()).toEqual(invited.map((m) => `Invited member ${m} (invite ${code})`).sort());
		// 4-5. Purchases a $50 product through the signed webhook: 100 points.
		const bought = await deliver(
			h,
			order({ order_id: 'seed-vip-1', user_id: inviter, amount: '50.00', product_id: 'vip-pack' }),
			{
				secret,
			},
		);
		expect(bought.status).toBe(200);
		expect(bought.json).toMatchObject({ ok: true, type: 'purchase', order_id: 'seed-vip-1', points: 50 });
		expect((await balanceOf(g, inviter))?.points).toBe(100);
		// 6-7. VIP Tier 1 assigned, the role given in Discord.
		await h.waitFor(async () => (await h.rolesOf(inviter))?.includes(vip) ?? false, 'the VIP role');
		const view = await h.command(inviter, 'points view');
		expect(view.content).toContain('**100** points: **VIP Tier 1**');
		// 8. Congratulations DM sent.
		await h.waitFor(async () => (await h.dms(inviter)).length === 1, 'the congratulation DM');
		const [dm] = await h.dms(inviter);
		expect(dm?.content).toBe(
			'🎉 Congratulations Vip Inviter! You reached **VIP Tier 1** on Foyer Demo with 100 points.',
		);
	});
});
