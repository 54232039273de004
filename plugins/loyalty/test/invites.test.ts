import { type DashboardClient, describeOnBackends, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { balanceOf, history } from '../_balances.ts';
import plugin from '../plugin.ts';
import { startLoyalty } from './_harness.ts';
import { INVITES_MS, inviteCounts, inviter, invitesSettled, invitesTracking, joinThrough } from './_invites.ts';

const DAY = 86_400_000;

/**
 * Invite points from the real invites plugin: members join through an inviter's code in the
 * emulator, the plugin attributes the join, judges it (fraud rules) and announces it; leaves,
 * later findings and an admin's reset take it back. Replayed announcements: invites-replayed.test.ts.
 */
describeOnBackends('invite points, from the invites plugin', (backend) => {
	let h: TestFoyer;
	let admin: DashboardClient;
	const points = async (user: string) => (await balanceOf(h.guildId, user))?.points ?? 0;
	const lines = async (user: string) => (await history(h.guildId, user, 1, 100)).items;
	const amounts = async (user: string) => (await lines(user)).map((l) => l.amount);
	/** Waits for what the invites plugin decides: it paces its snapshots to a REST budget (about 1 s a join here). */
	const until = (check: () => Promise<boolean>, what: string) => h.waitFor(check, what, INVITES_MS);
	const settings = async (values: Parameters<typeof plugin.updateSettings>[1]) =>
		expect((await plugin.updateSettings(h.guildId, values)).ok).toBe(true);

	beforeAll(async () => {
		h = await startLoyalty(backend);
		// Dashboard logins are rate limited per address: one for the file.
		admin = await h.dashboard();
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('gives nothing while invite points are off (the default), and a leave then takes nothing back', async () => {
		expect(plugin.settings(h.guildId).invitePoints).toBe(false);
		const a = await inviter(h, 'off-inviter');
		const member = await joinThrough(h, a.code, { username: 'off-invited' });
		expect(await inviteCounts(h, a.id)).toMatchObject({ tracked: 1, effective: 1 });
		await h.leave(member);
		await until(async () => (await inviteCounts(h, a.id)).left === 1, 'the leave counted by invite tracking');
		await invitesSettled(h);
		expect(await lines(a.id)).toEqual([]);
	});

	it('shows the policy caveat once, in the answer that turns invite points on', async () => {
		await admin.page(`/loyalty/${h.guildId}`);
		const path = `/guilds/${h.guildId}/plugins/${plugin.id}/settings`;
		const on = await admin.form(path, { invitePoints: 'on' }, { htmx: true });
		expect(on.status).toBe(200);
		const html = await on.text();
		expect(html).toContain('Before you rely on this:');
		expect(html).toContain('artificially inflating membership');
		const again = await (await admin.form(path, { invitePoints: 'on', pointsPerInvite: '10' }, { htmx: true })).text();
		expect(again).toContain('Saved.');
		expect(again).not.toContain('Before you rely on this:');
		expect(plugin.settings(h.guildId).invitePoints).toBe(true);
		// A plain form: 303 back to the page, which shows the caveat this once.
		await admin.form(path, { invitePoints: 'off' }, { htmx: true });
		const plain = await admin.form(path, { invitePoints: 'on' });
		expect(plain.status).toBe(303);
		const back = plain.headers.get('location') as string;
		expect(back).toContain('on=invitePoints');
		expect(await (await admin.page(back)).text()).toContain('artificially inflating membership');
		expect(await (await admin.page(path)).text()).not.toContain('Before you rely on this:');
		// From the loyalty page's own form: back there, with the caveat.
		await admin.form(path, { invitePoints: 'off' }, { htmx: true });
		const fromPage = await admin.form(path, { invitePoints: 'on', _back: `/loyalty/${h.guildId}` });
		expect(await (await admin.page(fromPage.headers.get('location') as string)).text()).toContain(
			'artificially inflating membership',
		);
	});

	it('gives the inviter of a counted join its points once, a repeated GUILD_MEMBER_ADD adding nothing', async () => {
		const a = await inviter(h, 'inviter-a');
		const member = await joinThrough(h, a.code, { username: 'joined-a' });
		await until(async () => (await points(a.id)) === 10, '10 points');
		const [award] = await lines(a.id);
		expect(award).toMatchObject({ amount: 10, reason: 'invite', actor: 'invites' });
		expect(award?.note).toBe(`Invited member ${member} (invite ${a.code})`);
		// Discord may send GUILD_MEMBER_ADD again for a member already there.
		await h.join({ userId: member, duplicate: true });
		await h.join({ userId: member, duplicate: true });
		// A join after the repeats is decided after them: once its points are in, the repeats were handled.
		const next = await joinThrough(h, a.code, { username: 'joined-a-next' });
		await until(async () => (await points(a.id)) === 20, '20 points');
		await invitesSettled(h);
		expect((await lines(a.id)).map((l) => [l.reason, l.note])).toEqual([
			['invite', `Invited member ${next} (invite ${a.code})`],
			['invite', `Invited member ${member} (invite ${a.code})`],
		]);
		expect(await inviteCounts(h, a.id)).toMatchObject({ tracked: 2, effective: 2 });
	});

	it('takes the points back when the member leaves within the window, once, and keeps them after it', async () => {
		const a = await inviter(h, 'inviter-b');
		const early = await joinThrough(h, a.code, { username: 'early-leaver' });
		const late = await joinThrough(h, a.code, { username: 'late-leaver' });
		await until(async () => (await points(a.id)) === 20, '20 points');
		await h.leave(early);
		await until(async () => (await points(a.id)) === 10, 'the early leave taken back');
		const revoked = (await lines(a.id))[0];
		expect(revoked).toMatchObject({ amount: -10, reason: 'invite_revoked', actor: 'invites', balanceAfter: 10 });
		expect(revoked?.note).toBe(`Member ${early} left`);
		// Every join decided before the clock jumps: a snapshot answered across the jump would span it.
		await invitesSettled(h);
		await h.clock.advance(8 * DAY);
		await h.leave(late);
		await until(async () => (await inviteCounts(h, a.id)).left === 2, 'both leaves counted');
		await invitesSettled(h);
		expect(await amounts(a.id)).toEqual([-10, 10, 10]);
	});

	it('gives nothing for a join judged fake: an account younger than the minimum age, a quick rejoin', async () => {
		const a = await inviter(h, 'inviter-fraud');
		expect(plugin.settings(h.guildId).invitePoints).toBe(true);
		await joinThrough(h, a.code, { username: 'two-days-old', accountAgeDays: 2 });
		await until(async () => (await inviteCounts(h, a.id)).fake === 1, 'the young account judged fake');
		// A member who leaves and comes back within 5 minutes: the leave takes back, the rejoin gives nothing.
		const back = await joinThrough(h, a.code, { username: 'comes-back' });
		await until(async () => (await points(a.id)) === 10, '10 points for the counted join');
		await h.leave(back);
		await until(async () => (await points(a.id)) === 0, 'the leave taken back');
		await h.join({ userId: back, invite: a.code });
		await until(async () => (await inviteCounts(h, a.id)).fake === 2, 'the rejoin judged fake');
		await invitesSettled(h);
		expect(await inviteCounts(h, a.id)).toEqual({ tracked: 3, left: 1, fake: 2, added: 0, effective: 0 });
		expect((await lines(a.id)).map((l) => [l.reason, l.amount])).toEqual([
			['invite_revoked', -10],
			['invite', 10],
		]);
	});

	it('takes back what was given when a counted join is found fake later (its inviter blacklisted with past joins)', async () => {
		const q = await inviter(h, 'inviter-ring');
		const member = await joinThrough(h, q.code, { username: 'ring-member' });
		await until(async () => (await points(q.id)) === 10, '10 points');
		// Taken back at what it gave, not at today's rate.
		await settings({ pointsPerInvite: 25 });
		const form = { user: q.id, reason: 'buys members', past: 'on' };
		const res = await admin.form(`/invites/${h.guildId}/blacklist`, form, { htmx: true });
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('1 past counted join is now fake.');
		await until(async () => (await points(q.id)) === 0, 'the fake join taken back');
		expect((await lines(q.id))[0]).toMatchObject({
			amount: -10,
			reason: 'invite_revoked',
			note: `Member ${member} was found fake`,
		});
		// Blacklisting again finds nothing more to take back.
		const again = await admin.form(`/invites/${h.guildId}/blacklist`, form, { htmx: true });
		expect(await again.text()).toContain('0 past counted joins are now fake.');
		await h.leave(member);
		await invitesSettled(h);
		expect(await amounts(q.id)).toEqual([-10, 10]);
		await settings({ pointsPerInvite: 10 });
	});

	it('takes the points back when an admin resets the inviter with /invite reset, once', async () => {
		const d = await inviter(h, 'inviter-reset');
		const member = await joinThrough(h, d.code, { username: 'reset-member' });
		await until(async () => (await points(d.id)) === 10, '10 points');
		const reply = await h.command(h.demo.ownerId, 'invite reset', { user: d.id });
		expect(reply.content).toBe(`Reset <@${d.id}>: their counts are 0 and 1 counted joins no longer count.`);
		await until(async () => (await points(d.id)) === 0, 'the removed join taken back');
		expect((await lines(d.id))[0]?.note).toBe(`Member ${member} was removed by an admin`);
		await h.command(h.demo.ownerId, 'invite reset', { user: d.id });
		await h.leave(member);
		await invitesSettled(h);
		expect(await amounts(d.id)).toEqual([-10, 10]);
	});

	it('keeps the points across a restart, and a leave after it takes them back once', async () => {
		const r = await inviter(h, 'inviter-restart');
		const member = await joinThrough(h, r.code, { username: 'restart-member' });
		await until(async () => (await points(r.id)) === 10, '10 points');
		const since = await h.lastRequestId();
		await h.restart();
		await invitesTracking(h, since);
		expect(await points(r.id)).toBe(10);
		await h.leave(member);
		await until(async () => (await points(r.id)) === 0, 'the leave after the restart taken back');
		await invitesSettled(h);
		expect(await amounts(r.id)).toEqual([-10, 10]);
		expect(await inviteCounts(h, r.id)).toMatchObject({ tracked: 1, left: 1, effective: 0 });
	});

	it('takes the points back once for a member who left while Foyer was stopped', async () => {
		const r = await inviter(h, 'inviter-downtime');
		const member = await joinThrough(h, r.code, { username: 'downtime-leaver' });
		await until(async () => (await points(r.id)) === 10, '10 points');
		await h.stopFoyer();
		await h.leave(member);
		const since = await h.lastRequestId();
		await h.startFoyer();
		await invitesTracking(h, since);
		await until(async () => (await points(r.id)) === 0, 'the leave during the downtime taken back');
		await invitesSettled(h);
		expect(await amounts(r.id)).toEqual([-10, 10]);
		expect(await inviteCounts(h, r.id)).toMatchObject({ tracked: 1, left: 1, effective: 0 });
	});

	it('with a zero window, a leave never takes the points back', async () => {
		await settings({ revokeDays: 0 });
		const a = await inviter(h, 'inviter-zero');
		const member = await joinThrough(h, a.code, { username: 'zero-window' });
		await until(async () => (await points(a.id)) === 10, '10 points');
		await h.leave(member);
		await until(async () => (await inviteCounts(h, a.id)).left === 1, 'the leave counted');
		await invitesSettled(h);
		expect(await amounts(a.id)).toEqual([10]);
		await settings({ revokeDays: 7 });
	});

	it('keeps working when the invites plugin is unloaded: no invite points, no errors', async () => {
		const a = await inviter(h, 'no-provider');
		await h.foyer.plugins.unload('invites');
		expect(h.foyer.plugins.get(plugin.id)).toBeTruthy();
		await h.join({ username: 'no-provider-joined', invite: a.code });
		expect((await h.command(a.id, 'points view')).content).toContain('**0** points');
		expect(await lines(a.id)).toEqual([]);
		expect(h.logsOf(plugin.id).filter((l) => l.level >= 50)).toEqual([]);
	});
});
