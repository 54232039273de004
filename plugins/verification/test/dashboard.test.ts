import { type DashboardClient, describeOnBackends, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';
import { MINUTE, pressVerify, startGate } from './_gate.ts';

describeOnBackends('verification dashboard page', (backend) => {
	let h: TestFoyer;
	let admin: DashboardClient;
	const page = () => `/verification/${h.guildId}`;
	const settings = () => `/guilds/${h.guildId}/plugins/verification/settings`;
	const text = async (path = page()) => (await admin.page(path)).text();

	beforeAll(async () => {
		h = await startGate({ backend });
		admin = await h.dashboard();
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('refuses on save a role above Foyer’s, or managed, with the reason beside the field, and stores nothing', async () => {
		const above = await h.control.call('POST', `/guilds/${h.guildId}/roles`, { name: 'Council', position: 50 });
		await h.waitFor(() => !!h.foyer.client.guilds.cache.get(h.guildId)?.roles.cache.has(above.id), 'the role');
		await admin.page(settings());
		const refused = await admin.form(settings(), { verifiedRole: above.id });
		expect(refused.status).toBe(422);
		const body = await refused.text();
		expect(body).toContain('Verified role cannot be given by Foyer: Role Council is above Foyer&#39;s highest role');
		const managed = await admin.form(settings(), { unverifiedRole: h.role('Foyer') });
		expect(await managed.text()).toContain('is managed by an integration');
		expect(plugin.settings(h.guildId).verifiedRole).toBe(h.role('Verified'));
		expect(plugin.settings(h.guildId).unverifiedRole).toBe(h.role('Unverified'));
	});

	it('refuses member placeholders in the one verification message, saying why', async () => {
		await admin.page(settings());
		const refused = await admin.form(settings(), { message: 'Hello %member_mention%, verify below.' });
		expect(refused.status).toBe(422);
		expect(await refused.text()).toContain('cannot use member placeholders (%member_…%, %inviter…%)');
	});

	it('shows a role moved above Foyer after it was saved, sends Discord no call it would refuse, and removes nobody for it', async () => {
		const verified = h.role('Verified');
		await h.control.call('PATCH', `/guilds/${h.guildId}/roles/${verified}`, { position: 60 });
		try {
			await h.waitFor(
				async () => (await text()).includes('The verified role cannot be given: Role Verified is above Foyer'),
				'the problem on the page',
			);
			const since = await h.lastRequestId();
			const user = await h.join('stuck');
			// The unverified role is fine: new members are still gated.
			await h.waitFor(async () => (await h.rolesOf(user))?.includes(h.role('Unverified')) ?? false, 'the gate');
			const answer = await pressVerify(h, user);
			expect(answer.content).toMatch(/^Foyer could not give you access: The verified role cannot be given/);
			expect(await h.rolesOf(user)).toEqual([h.role('Unverified')]);
			await h.clock.advance(10 * MINUTE);
			await h.waitFor(async () => (await text()).includes('Not removed at the deadline'), 'the log entry');
			expect(await h.rolesOf(user)).toEqual([h.role('Unverified')]);
			expect((await h.requests(since)).filter((r) => r.status === 403)).toEqual([]);
		} finally {
			await h.control.call('PATCH', `/guilds/${h.guildId}/roles/${verified}`, { position: 2 });
		}
	});

	it('lists waiting members with their deadline, names escaped; "Verify now" and "Remove now" act, with the CSRF token only', async () => {
		const a = await h.join({ username: '<b>bold</b>' });
		const b = await h.join('to-remove');
		await h.waitFor(async () => (await text()).includes(b), 'the list');
		const body = await text();
		expect(body).toContain('&lt;b&gt;bold&lt;/b&gt;');
		expect(body).not.toContain('<b>bold</b>');
		expect(body).toMatch(/UTC \(in (9|10) min\)/);
		const forged = await admin.form(`${page()}/members/verify`, { member: a }, { csrf: 'forged' });
		expect(forged.status).toBe(403);
		expect(await plugin.service('verification').isWaiting(h.guildId, a)).toBe(true);
		const verified = await admin.form(`${page()}/members/verify`, { member: a });
		expect(verified.status).toBe(303);
		expect(await h.rolesOf(a)).toEqual([h.role('Verified')]);
		const removed = await admin.form(`${page()}/members/kick`, { member: b }, { htmx: true });
		expect(removed.status).toBe(200);
		expect(await removed.text()).toContain('to-remove was removed.');
		expect(await h.rolesOf(b)).toBeNull();
		const again = await admin.form(`${page()}/members/kick`, { member: a }, { htmx: true });
		expect(again.status).toBe(409);
		expect(await again.text()).toContain('not waiting at the gate');
		const log = await text();
		expect(log).toContain('Removed from the dashboard by');
		expect(log).toContain('Verified by');
	});

	it('locks the server down and lifts it from the page', async () => {
		const on = await admin.form(`${page()}/lockdown`, { state: 'on' }, { htmx: true });
		expect(on.status).toBe(200);
		expect(await on.text()).toContain('Locked down');
		const twice = await admin.form(`${page()}/lockdown`, { state: 'on' }, { htmx: true });
		expect(twice.status).toBe(409);
		const off = await admin.form(`${page()}/lockdown`, { state: 'off' }, { htmx: true });
		expect(off.status).toBe(200);
		expect(await off.text()).toContain('No lockdown now.');
	});

	it('shows removals with their reason in the log, and the figures', async () => {
		const user = await h.join('late-one');
		await h.waitFor(async () => (await h.rolesOf(user))?.includes(h.role('Unverified')) ?? false, 'the gate');
		await h.clock.advance(10 * MINUTE);
		await h.waitFor(async () => (await h.rolesOf(user)) === null, 'the removal');
		const body = await text();
		expect(body).toContain('late-one');
		expect(body).toContain('Not verified within 10 minutes.');
		expect(body).toMatch(/<dt>Removed<\/dt><dd>\d+<\/dd>/);
		expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
	});
});
