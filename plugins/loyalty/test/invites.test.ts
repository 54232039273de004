import { describeOnBackends, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { balanceOf, history } from '../_balances.ts';
import plugin from '../plugin.ts';
import { emitInvites, startLoyalty } from './_harness.ts';

const DAY = 86_400_000;

/** Invite points from the invites plugin's events (a fixture provider until issue 12 lands). */
describeOnBackends('invite points', (backend) => {
	let h: TestFoyer;
	const points = async (user: string) => (await balanceOf(h.guildId, user))?.points ?? 0;
	const lines = async (user: string) => (await history(h.guildId, user, 1, 100)).items;
	/** A new inviter and their invite code. */
	const inviter = async (name: string) => {
		const id = await h.join(name);
		const invite = await h.control.createInvite(h.guildId, { inviter_id: id });
		return { id, code: String(invite.code) };
	};

	beforeAll(async () => {
		h = await startLoyalty(backend);
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('gives nothing while invite points are off (the default)', async () => {
		expect(plugin.settings(h.guildId).invitePoints).toBe(false);
		const a = await inviter('off-inviter');
		await h.join({ username: 'off-invited', invite: a.code });
		await new Promise((r) => setTimeout(r, 200));
		expect(await points(a.id)).toBe(0);
	});

	it('shows the policy caveat once, in the answer that turns invite points on', async () => {
		const admin = await h.dashboard();
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

	it('gives each counted join’s inviter the points once, however often the join is announced', async () => {
		const a = await inviter('inviter-a');
		const member = await h.join({ username: 'joined-a', invite: a.code });
		await h.waitFor(async () => (await points(a.id)) === 10, '10 points');
		const [award] = await lines(a.id);
		expect(award).toMatchObject({ amount: 10, reason: 'invite', actor: 'invites' });
		expect(award?.note).toContain(member);
		// The provider announces it again (as after a crash), twice at once.
		const join = {
			guildId: h.guildId,
			joinId: award?.reference,
			memberId: member,
			inviterId: a.id,
			code: a.code,
			joinedAt: 1,
		};
		await Promise.all([emitInvites(h, 'joinCounted', join), emitInvites(h, 'joinCounted', join)]);
		expect(await points(a.id)).toBe(10);
		expect(await lines(a.id)).toHaveLength(1);
	});

	it('takes the points back when the member leaves within the window, and keeps them after it', async () => {
		const a = await inviter('inviter-b');
		const early = await h.join({ username: 'early-leaver', invite: a.code });
		const late = await h.join({ username: 'late-leaver', invite: a.code });
		await h.waitFor(async () => (await points(a.id)) === 20, '20 points');
		await h.leave(early);
		await h.waitFor(async () => (await points(a.id)) === 10, 'the early leave taken back');
		const revoked = (await lines(a.id))[0];
		expect(revoked).toMatchObject({ amount: -10, reason: 'invite_revoked', balanceAfter: 10 });
		expect(revoked?.note).toBe(`Member ${early} left`);
		await h.clock.advance(8 * DAY);
		await h.leave(late);
		await new Promise((r) => setTimeout(r, 200));
		expect(await points(a.id)).toBe(10);
	});

	it('always takes the points back for a join found fake or removed, once, at what was given', async () => {
		const a = await inviter('inviter-c');
		const member = await h.join({ username: 'fake-one', invite: a.code });
		await h.waitFor(async () => (await points(a.id)) === 10, '10 points');
		const joinId = (await lines(a.id))[0]?.reference as string;
		expect((await plugin.updateSettings(h.guildId, { pointsPerInvite: 25 })).ok).toBe(true);
		const fake = {
			guildId: h.guildId,
			joinId,
			memberId: member,
			inviterId: a.id,
			reason: 'fake',
			joinedAt: 0,
			at: 90 * DAY,
		};
		await emitInvites(h, 'joinUncounted', fake);
		await emitInvites(h, 'joinUncounted', { ...fake, reason: 'removed' });
		expect(await points(a.id)).toBe(0);
		expect((await lines(a.id)).map((l) => l.amount)).toEqual([-10, 10]);
		expect((await plugin.updateSettings(h.guildId, { pointsPerInvite: 10 })).ok).toBe(true);
	});

	it('takes nothing back for a join that gave nothing, and a zero window never takes back leaves', async () => {
		const a = await inviter('inviter-d');
		await emitInvites(h, 'joinUncounted', {
			guildId: h.guildId,
			joinId: 'never-awarded',
			memberId: a.id,
			inviterId: a.id,
			reason: 'fake',
			joinedAt: 0,
			at: 1,
		});
		expect(await lines(a.id)).toEqual([]);
		expect((await plugin.updateSettings(h.guildId, { revokeDays: 0 })).ok).toBe(true);
		const member = await h.join({ username: 'zero-window', invite: a.code });
		await h.waitFor(async () => (await points(a.id)) === 10, '10 points');
		await h.leave(member);
		await new Promise((r) => setTimeout(r, 200));
		expect(await points(a.id)).toBe(10);
	});

	it('keeps working when the invites plugin is unloaded: no invite points, no errors', async () => {
		await h.foyer.plugins.unload('invites');
		expect(h.foyer.plugins.get(plugin.id)).toBeTruthy();
		const a = await inviter('no-provider');
		await h.join({ username: 'no-provider-joined', invite: a.code });
		await new Promise((r) => setTimeout(r, 200));
		expect(await points(a.id)).toBe(0);
		expect(h.logsOf(plugin.id).filter((l) => l.level >= 50)).toEqual([]);
		expect((await h.command(a.id, 'points view')).content).toContain('**0** points');
	});
});
