import { describeOnBackends, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';
import { MINUTE, startGate } from './_gate.ts';

/**
 * The removal after the timeout: a scheduled job per member, cancelled by any verification or a leave.
 * The deadlines are minutes long: proven where jobs follow the test clock (the embedded scheduler).
 */
describeOnBackends('verification timeouts', (backend) => {
	let h: TestFoyer;
	let unverified: string;
	let verified: string;
	const kicks = async (since: number, user: string) =>
		(await h.requests(since)).filter((r) => r.method === 'DELETE' && r.path.endsWith(`/members/${user}`));
	const gated = (user: string) =>
		h.waitFor(async () => (await h.rolesOf(user))?.includes(unverified) ?? false, 'the unverified role');

	beforeAll(async () => {
		h = await startGate({ backend });
		unverified = h.role('Unverified');
		verified = h.role('Verified');
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('does not remove a member a moderator verified by hand (the verified role given in Discord): the unverified role goes too', async () => {
		const since = await h.lastRequestId();
		const user = await h.join('by-hand');
		await gated(user);
		await h.clock.advance(3 * MINUTE);
		await h.control.setMemberRoles(h.guildId, user, [unverified, verified]);
		await h.waitFor(async () => !(await h.rolesOf(user))?.includes(unverified), 'the unverified role taken away');
		await h.clock.advance(10 * MINUTE);
		expect(await h.rolesOf(user)).toEqual([verified]);
		expect(await kicks(since, user)).toEqual([]);
		const page = await (await (await h.dashboard()).page(`/verification/${h.guildId}`)).text();
		expect(page).toContain('Verified by hand: a moderator gave the verified role.');
	});

	it('does not remove a member verified with /verify member, and says who verified them in the log channel', async () => {
		const since = await h.lastRequestId();
		const user = await h.join('by-command');
		await gated(user);
		const reply = await h.command(h.demo.adminId, 'verify member', { user });
		expect(reply.content).toBe(`by-command (<@${user}>) is verified.`);
		expect(reply.pings).toEqual([]);
		await h.clock.advance(11 * MINUTE);
		expect(await h.rolesOf(user)).toEqual([verified]);
		expect(await kicks(since, user)).toEqual([]);
		await h.waitFor(
			async () =>
				(await h.botMessages('bot-log')).some(
					(m) => m.content.includes(`<@${user}>`) && m.content.includes('Verified by'),
				),
			'the log line',
		);
	});

	it('forgets a member who leaves: coming back starts a new deadline, the old one removes nobody', async () => {
		const since = await h.lastRequestId();
		const user = await h.join('comes-back');
		await gated(user);
		await h.clock.advance(2 * MINUTE);
		await h.leave(user);
		await h.clock.advance(3 * MINUTE);
		await h.join({ userId: user });
		await gated(user);
		// Ten minutes after the first join: the first deadline would have fallen here.
		await h.clock.advance(5 * MINUTE);
		expect(await h.rolesOf(user)).toEqual([unverified]);
		expect(await kicks(since, user)).toEqual([]);
		await h.clock.advance(5 * MINUTE);
		await h.waitFor(async () => (await h.rolesOf(user)) === null, 'the removal at the new deadline');
		expect(await kicks(since, user)).toHaveLength(1);
	});

	it('removes a member once when Foyer restarts in the middle of their timeout', async () => {
		const since = await h.lastRequestId();
		const before = (await plugin.counters.read(h.guildId)).kicked ?? 0;
		const user = await h.join('across-restart');
		await gated(user);
		await h.clock.advance(5 * MINUTE);
		await h.restart();
		expect(await h.rolesOf(user)).toEqual([unverified]);
		await h.clock.advance(4 * MINUTE);
		expect(await h.rolesOf(user)).toEqual([unverified]);
		await h.clock.advance(MINUTE);
		await h.waitFor(async () => (await h.rolesOf(user)) === null, 'the removal after the restart');
		await h.clock.advance(10 * MINUTE);
		expect(await kicks(since, user)).toHaveLength(1);
		expect(((await plugin.counters.read(h.guildId)).kicked ?? 0) - before).toBe(1);
		expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
	});
});
