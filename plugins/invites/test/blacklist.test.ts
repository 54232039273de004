import { type DashboardClient, describeOnBackends, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { counts, decidedJoin, eventsAbout, inviter, startInvites } from './_tracking.ts';

/** Blacklisting from the dashboard: future joins are fake; optionally the past counted ones too. */
describeOnBackends('invite blacklist', (backend) => {
	let h: TestFoyer;
	let admin: DashboardClient;
	let base: string;
	beforeAll(async () => {
		h = await startInvites(backend);
		admin = await h.dashboard();
		base = `/invites/${h.guildId}`;
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('a blacklisted inviter’s next joins are fake; their past counted joins keep counting unless asked', async () => {
		const q = await inviter(h, 'bl-inviter');
		const before = await h.join({ username: 'bl-before', invite: q.code });
		expect(await decidedJoin(h, before)).toMatchObject({ credit: 'counted' });
		const res = await admin.form(`${base}/blacklist`, { user: q.id, reason: 'buys members' }, { htmx: true });
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('their future joins and the joins they bring do not count.');
		const after = await h.join({ username: 'bl-after', invite: q.code });
		const join = await decidedJoin(h, after);
		expect(join).toMatchObject({ source: 'invite', inviterId: q.id, credit: 'fake' });
		expect(join.flags.map((f) => [f.rule, f.evidence])).toEqual([
			['blacklisted-inviter', 'inviter is blacklisted: buys members'],
		]);
		expect((await decidedJoin(h, before)).credit).toBe('counted');
		expect(await counts(h, q.id)).toMatchObject({ tracked: 2, fake: 1, effective: 1 });
		expect(eventsAbout(after)).toEqual([]);
	});

	it('with “their past joins too”, the counted joins they brought or made become fake, announced uncounted once', async () => {
		const q = await inviter(h, 'bl-past-inviter');
		const m1 = await h.join({ username: 'bl-past-1', invite: q.code });
		const m2 = await h.join({ username: 'bl-past-2', invite: q.code });
		await decidedJoin(h, m1);
		await decidedJoin(h, m2);
		await h.leave(m2); // left: taken back when it left, not again
		await h.waitFor(async () => (await counts(h, q.id)).left === 1, 'the leave counted');
		// A member q invited elsewhere: their own join was brought by someone else.
		const other = await inviter(h, 'bl-other-inviter');
		const self = await h.join({ username: 'bl-member', invite: other.code });
		await decidedJoin(h, self);
		await h.waitFor(async () => eventsAbout(m1).length === 1 && eventsAbout(self).length === 1, 'joinCounted');
		const res = await admin.form(`${base}/blacklist`, { user: q.id, reason: 'ring', past: 'on' }, { htmx: true });
		expect(await res.text()).toContain('1 past counted join is now fake.');
		expect(await decidedJoin(h, m1)).toMatchObject({ credit: 'fake', flag: 'blacklisted-inviter' });
		expect(await counts(h, q.id)).toMatchObject({ tracked: 2, left: 1, fake: 1, effective: 0 });
		const fake = (id: string) => eventsAbout(id).filter((e) => e.event === 'joinUncounted' && e.reason === 'fake');
		await h.waitFor(async () => fake(m1).length === 1, 'joinUncounted fake');
		expect(fake(m2)).toEqual([]);
		// The blacklisted member's own counted join: fake for the one who invited them.
		const again = await admin.form(`${base}/blacklist`, { user: self, reason: 'alt', past: 'on' }, { htmx: true });
		expect(await again.text()).toContain('1 past counted join is now fake.');
		expect(await decidedJoin(h, self)).toMatchObject({ credit: 'fake', flag: 'blacklisted-member' });
		expect(await counts(h, other.id)).toMatchObject({ tracked: 1, fake: 1, effective: 0 });
		await h.waitFor(async () => fake(self).length === 1, 'joinUncounted fake for the member');
		// Nothing left to change: blacklisting again changes nothing and announces nothing.
		const third = await admin.form(`${base}/blacklist`, { user: q.id, reason: 'ring', past: 'on' }, { htmx: true });
		expect(await third.text()).toContain('0 past counted joins are now fake.');
		expect(fake(m1)).toHaveLength(1);
	});
});
