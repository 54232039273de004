import { describeOnBackends, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { balanceOf, history } from '../_balances.ts';
import plugin from '../plugin.ts';
import { emitInvites, startLoyalty } from './_harness.ts';

const DAY = 86_400_000;

/**
 * Announcements the real invites plugin makes only in accidents, posted through the replayer fixture
 * (`INVITES_REPLAYER`): the same join announced again (the real plugin re-announces a join when a
 * consumer failed or Foyer died before it recorded the announcement, which a test cannot cause from
 * the outside) and one join uncounted for two reasons (the real plugin never uncounts a join twice).
 * Loyalty must add nothing either way. Everything else: invites.test.ts, with the real plugin.
 */
describeOnBackends('invite points, announcements replayed', (backend) => {
	let h: TestFoyer;
	const points = async (user: string) => (await balanceOf(h.guildId, user))?.points ?? 0;
	const amounts = async (user: string) => (await history(h.guildId, user, 1, 100)).items.map((l) => l.amount);
	const join = (inviterId: string, memberId: string, joinId: string) => ({
		guildId: h.guildId,
		joinId,
		memberId,
		inviterId,
		code: 'replayed',
		joinedAt: h.clock.now(),
	});

	beforeAll(async () => {
		h = await startLoyalty(backend, { invites: 'replayer' });
		expect((await plugin.updateSettings(h.guildId, { invitePoints: true })).ok).toBe(true);
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('gives a join’s points once however often it is announced, also twice at once', async () => {
		const inviter = await h.join('replay-inviter');
		const member = await h.join('replay-member');
		const counted = join(inviter, member, `${h.guildId}:replay-1`);
		// Each post answers once loyalty handled the event.
		await Promise.all([emitInvites(h, 'joinCounted', counted), emitInvites(h, 'joinCounted', counted)]);
		await emitInvites(h, 'joinCounted', counted);
		expect(await points(inviter)).toBe(10);
		expect(await amounts(inviter)).toEqual([10]);
		// Another join of the same inviter is its own award.
		await emitInvites(h, 'joinCounted', join(inviter, member, `${h.guildId}:replay-2`));
		expect(await amounts(inviter)).toEqual([10, 10]);
	});

	it('takes a join back once, at what it gave, whatever reasons it is uncounted for', async () => {
		const inviter = await h.join('uncount-inviter');
		const member = await h.join('uncount-member');
		const counted = join(inviter, member, `${h.guildId}:uncount-1`);
		await emitInvites(h, 'joinCounted', counted);
		expect((await plugin.updateSettings(h.guildId, { pointsPerInvite: 25 })).ok).toBe(true);
		const { guildId, joinId, memberId, inviterId, joinedAt } = counted;
		const uncounted = { guildId, joinId, memberId, inviterId, joinedAt, reason: 'fake', at: joinedAt + 90 * DAY };
		await Promise.all([emitInvites(h, 'joinUncounted', uncounted), emitInvites(h, 'joinUncounted', uncounted)]);
		await emitInvites(h, 'joinUncounted', { ...uncounted, reason: 'removed' });
		await emitInvites(h, 'joinUncounted', { ...uncounted, reason: 'left', at: joinedAt + DAY });
		expect(await points(inviter)).toBe(0);
		expect(await amounts(inviter)).toEqual([-10, 10]);
		expect((await plugin.updateSettings(h.guildId, { pointsPerInvite: 10 })).ok).toBe(true);
	});
});
