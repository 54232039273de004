import { describeOnBackends, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';
import { blacklistAdd } from '../records/blacklist.ts';
import {
	advance,
	counts,
	decidedJoin,
	eventsAbout,
	inviter,
	joinsOf,
	MINUTE,
	restart,
	startInvites,
	tracking,
} from './_tracking.ts';

/** Seed 004 section 9 "Phase 2" and its edge cases, through the emulator. */
describeOnBackends('invite tracking, seed 004 phase 2', (backend) => {
	let h: TestFoyer;
	beforeAll(async () => {
		h = await startInvites(backend);
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('test 1: credits the inviter of the code used and increments their counter, announcing the join once', async () => {
		const a = await inviter(h, 'p2-inviter-a');
		const b = await h.join({ username: 'p2-invited-b', invite: a.code });
		const join = await decidedJoin(h, b);
		expect(join).toMatchObject({
			source: 'invite',
			inviterId: a.id,
			code: a.code,
			credit: 'counted',
			inviterWasMember: true,
			flags: [],
		});
		expect(await counts(h, a.id)).toMatchObject({ tracked: 1, left: 0, fake: 0, added: 0, effective: 1 });
		await h.waitFor(async () => eventsAbout(b).length === 1, 'the joinCounted event');
		expect(eventsAbout(b)).toEqual([
			{
				event: 'joinCounted',
				guildId: h.guildId,
				joinId: `${h.guildId}:${join.joinKey}`,
				memberId: b,
				inviterId: a.id,
				code: a.code,
				joinedAt: join.joinedAt,
			},
		]);
	});

	it('test 2: the same code used by 3 members credits all 3 to its inviter', async () => {
		const a = await inviter(h, 'p2-multi');
		const members: string[] = [];
		for (const n of [1, 2, 3]) members.push(await h.join({ username: `p2-multi-${n}`, invite: a.code }));
		for (const m of members)
			expect(await decidedJoin(h, m)).toMatchObject({ source: 'invite', inviterId: a.id, credit: 'counted' });
		expect((await counts(h, a.id)).effective).toBe(3);
		await h.waitFor(async () => members.every((m) => eventsAbout(m).length === 1), 'three joinCounted events');
	});

	it('test 3: the inviter left before the member joined: the record keeps the inviter, nothing is credited', async () => {
		const a = await inviter(h, 'p2-gone');
		await h.leave(a.id);
		const b = await h.join({ username: 'p2-after-gone', invite: a.code });
		const join = await decidedJoin(h, b);
		expect(join).toMatchObject({
			source: 'invite',
			inviterId: a.id,
			inviterWasMember: false,
			credit: 'none',
			creditNote: 'inviter-absent',
		});
		expect(await counts(h, a.id)).toMatchObject({ tracked: 0, effective: 0 });
		expect(eventsAbout(b)).toEqual([]);
	});

	it("test 3b: more members through a departed inviter's code: each recorded absent, Discord asked about the inviter once", async () => {
		const a = await inviter(h, 'p2-gone-raid');
		await h.leave(a.id);
		const since = await h.lastRequestId();
		const members: string[] = [];
		for (const n of [1, 2, 3]) members.push(await h.join({ username: `p2-gone-raid-${n}`, invite: a.code }));
		for (const m of members)
			expect(await decidedJoin(h, m)).toMatchObject({ inviterId: a.id, credit: 'none', creditNote: 'inviter-absent' });
		const asked = (await h.requests(since)).filter((r) => r.method === 'GET' && r.path.endsWith(`/members/${a.id}`));
		expect(asked.map((r) => r.status)).toEqual([404]);
		// Back in the server: counted again at once, without waiting for the remembered absence to expire.
		await h.join({ userId: a.id, invite: 'vanity' });
		await decidedJoin(h, a.id, 2);
		const c = await h.join({ username: 'p2-gone-raid-back', invite: a.code });
		expect(await decidedJoin(h, c)).toMatchObject({ inviterId: a.id, credit: 'counted', inviterWasMember: true });
	});

	it('test 4: a blacklisted member joins: nothing for the inviter, the record is marked blacklisted', async () => {
		const a = await inviter(h, 'p2-bl-inviter');
		const b = await h.join({ username: 'p2-blacklisted', invite: 'vanity' });
		await h.leave(b);
		await advance(h, 10 * MINUTE);
		await blacklistAdd(h.guildId, b, h.demo.ownerId, 'alt account');
		await h.join({ userId: b, invite: a.code });
		const join = await decidedJoin(h, b, 2);
		expect(join).toMatchObject({ source: 'invite', inviterId: a.id, credit: 'fake' });
		expect(join.flags.map((f) => [f.rule, f.evidence])).toEqual([
			['blacklisted-member', 'member is blacklisted: alt account'],
		]);
		expect(await counts(h, a.id)).toMatchObject({ tracked: 1, fake: 1, effective: 0 });
		expect(eventsAbout(b)).toEqual([]);
	});

	it('records the vanity URL as vanity, crediting nobody', async () => {
		const v = await h.join({ username: 'p2-vanity', invite: 'vanity' });
		expect(await decidedJoin(h, v)).toMatchObject({ source: 'vanity', inviterId: null, credit: 'none' });
	});

	it('flags a rejoin within 5 minutes as fake: the inviter keeps the effective invite they had, announced and taken back once', async () => {
		const a = await inviter(h, 'p2-rejoin-inviter');
		const b = await h.join({ username: 'p2-rejoiner', invite: a.code });
		expect(await decidedJoin(h, b)).toMatchObject({ source: 'invite', inviterId: a.id, credit: 'counted' });
		await h.leave(b);
		await h.waitFor(async () => (await counts(h, a.id)).left === 1, 'the leave counted');
		expect(eventsAbout(b).map((e) => e.event)).toEqual(['joinCounted', 'joinUncounted']);
		expect(eventsAbout(b)[1]).toMatchObject({ reason: 'left', inviterId: a.id });
		await advance(h, 2 * MINUTE);
		await h.join({ userId: b, invite: a.code });
		const rejoin = await decidedJoin(h, b, 2);
		expect(rejoin).toMatchObject({ source: 'invite', inviterId: a.id, credit: 'fake' });
		expect(rejoin?.flags.map((f) => f.rule)).toEqual(['rejoin']);
		expect(rejoin?.flags[0]?.evidence).toMatch(/^rejoined 2 minutes after leaving \(within 5\)$/);
		// effective = tracked + added - left - fake = 2 + 0 - 1 - 1.
		expect(await counts(h, a.id)).toMatchObject({ tracked: 2, left: 1, fake: 1, added: 0, effective: 0 });
		expect(eventsAbout(b)).toHaveLength(2);
	});

	it('counts a repeated GUILD_MEMBER_ADD for the same join once', async () => {
		const a = await inviter(h, 'p2-dup-inviter');
		const b = await h.join({ username: 'p2-dup', invite: a.code });
		await decidedJoin(h, b);
		await h.join({ userId: b, duplicate: true });
		await h.join({ userId: b, duplicate: true });
		await new Promise((r) => setTimeout(r, 300));
		expect(await joinsOf(h, b)).toHaveLength(1);
		expect((await counts(h, a.id)).tracked).toBe(1);
		expect(eventsAbout(b)).toHaveLength(1);
	});

	it('keeps the counts and the records across a restart, and attributes joins after it', async () => {
		const a = await inviter(h, 'p2-restart');
		const first = await h.join({ username: 'p2-before-restart', invite: a.code });
		await decidedJoin(h, first);
		await restart(h);
		expect(await counts(h, a.id)).toMatchObject({ tracked: 1, effective: 1 });
		const after = await h.join({ username: 'p2-after-restart', invite: a.code });
		expect(await decidedJoin(h, after)).toMatchObject({ source: 'invite', inviterId: a.id, credit: 'counted' });
		expect((await counts(h, a.id)).effective).toBe(2);
		expect(await plugin.service('invites').inviterOf(h.guildId, after)).toEqual({
			source: 'invite',
			inviterId: a.id,
			code: a.code,
			candidates: [],
		});
	});

	it('attributes a join that happened while Foyer was stopped, from the checkpoint', async () => {
		const a = await inviter(h, 'p2-offline-inviter');
		const warm = await h.join({ username: 'p2-offline-warm', invite: a.code });
		await decidedJoin(h, warm);
		await new Promise((r) => setTimeout(r, 800)); // the checkpoint follows within 500 ms
		await h.stopFoyer();
		const b = await h.join({ username: 'p2-offline-joined', invite: a.code });
		await h.startFoyer();
		await tracking(h);
		const join = await decidedJoin(h, b);
		expect(join).toMatchObject({ source: 'invite', inviterId: a.id, offline: true, credit: 'counted' });
		expect((await counts(h, a.id)).tracked).toBe(2);
	});
	// Last: a join through no invite contradicts the counts, and the engine starts afresh after it.
	it('records a join through no invite (as from Server Discovery) as unknown, crediting nobody', async () => {
		const u = await h.join('p2-no-invite');
		const unknown = await decidedJoin(h, u);
		expect([unknown.source, unknown.inviterId, unknown.credit]).toEqual(['unknown', null, 'none']);
	});
});
