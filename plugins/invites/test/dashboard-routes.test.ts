import { type DashboardClient, describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { blacklistList, listRanks } from '../records/index.ts';

const HOSTILE = '<img src=x onerror=alert(1)>';

/**
 * The invite tracking pages as admins use them: every page and post refused without Manage Server
 * (403) or without the CSRF token (403), bad input answered with the error beside its field (422)
 * and nothing changed, 303 after a plain form's change, the section for htmx, member text escaped.
 */
describeOnBackends('invites dashboard routes', (backend) => {
	let h: TestFoyer;
	let admin: DashboardClient;
	let member: DashboardClient;
	let base: string;

	/** Foyer's own (managed) role in the demo server. */
	const botRole = () => {
		const me = h.foyer.client.guilds.cache.get(h.guildId)?.members.me;
		const role = me?.roles.botRole;
		if (!role) throw new Error('Foyer has no role of its own');
		return role;
	};
	/** The demo server's invites as the emulator holds them (roles granted, users allowed). */
	const liveInvites = async () => (await h.guild()).invites as Record<string, unknown>[];

	beforeAll(async () => {
		h = await startTestFoyer({ plugins: [new URL('..', import.meta.url)], backend });
		await h.enable('invites', true);
		base = `/invites/${h.guildId}`;
		admin = await h.dashboard();
		member = await h.dashboard(h.demo.memberId);
		await admin.page(base);
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('serves every page to an admin and none to a member without Manage Server (403)', async () => {
		const pages = [
			'',
			'/stats',
			'/joins',
			'/fraud',
			'/ranks',
			'/codes',
			`/inviter?user=${h.demo.adminId}`,
			'/joins/export',
		];
		for (const p of pages) expect([p, (await admin.page(`${base}${p}`)).status]).toEqual([p, 200]);
		for (const p of pages) expect([p, (await member.page(`${base}${p}`)).status]).toEqual([p, 403]);
	});

	it('refuses posts from a member (403) and posts without or with a wrong CSRF token (403), changing nothing', async () => {
		const role = h.role('VIP');
		const posts = [
			member.form(`${base}/blacklist`, { user: h.demo.adminId, reason: 'x' }),
			admin.form(`${base}/blacklist`, { user: h.demo.adminId, reason: 'x' }, { csrf: null }),
			admin.form(`${base}/blacklist`, { user: h.demo.adminId, reason: 'x' }, { csrf: 'wrong' }),
			member.form(`${base}/ranks`, { role, invites: '3' }),
			admin.form(`${base}/ranks`, { role, invites: '3' }, { csrf: null }),
			admin.form(`${base}/ranks/repair`, {}, { csrf: null }),
			admin.form(`${base}/codes`, { channel: h.channel('general'), maxUses: '1', maxAge: '3600' }, { csrf: null }),
			member.form(`${base}/codes`, { channel: h.channel('general'), maxUses: '1', maxAge: '3600' }),
		];
		const before = await liveInvites();
		for (const response of await Promise.all(posts)) expect(response.status).toBe(403);
		expect(await blacklistList(h.guildId)).toEqual([]);
		expect(await listRanks(h.guildId)).toEqual([]);
		expect(await liveInvites()).toEqual(before);
	});

	it('blacklists with a reason: 303 for a plain form, the section for htmx, the reason escaped; bad input is a 422 beside its field', async () => {
		const bad = await admin.form(`${base}/blacklist`, { user: 'someone', reason: '' });
		expect(bad.status).toBe(422);
		const refused = await bad.text();
		expect(refused).toContain('id="bl-user-error"');
		expect(refused).toContain('id="bl-reason-error"');
		expect(refused).toContain('value="someone"');
		const long = await admin.form(
			`${base}/blacklist`,
			{ user: h.demo.adminId, reason: 'x'.repeat(301) },
			{ htmx: true },
		);
		expect(long.status).toBe(422);
		expect(await long.text()).toContain('At most 300 characters.');
		expect(await blacklistList(h.guildId)).toEqual([]);

		const plain = await admin.form(`${base}/blacklist`, { user: `<@${h.demo.adminId}>`, reason: HOSTILE });
		expect(plain.status).toBe(303);
		expect(plain.headers.get('location')).toBe(`${base}/fraud#invites-blacklist`);
		expect((await blacklistList(h.guildId)).map((b) => [b.userId, b.reason, b.byId])).toEqual([
			[h.demo.adminId, HOSTILE, h.demo.ownerId],
		]);
		const html = await (await admin.page(`${base}/fraud`)).text();
		expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(html).not.toContain(HOSTILE);

		const gone = await admin.form(`${base}/blacklist/remove`, { user: h.demo.memberId }, { htmx: true });
		expect(gone.status).toBe(422);
		expect(await gone.text()).toContain('not on the blacklist');
		const removed = await admin.form(`${base}/blacklist/remove`, { user: h.demo.adminId }, { htmx: true });
		expect(removed.status).toBe(200);
		const section = await removed.text();
		expect(section).toMatch(/^<section id="invites-blacklist"/);
		expect(section).toContain('is off the blacklist');
		expect(await blacklistList(h.guildId)).toEqual([]);
		const audit = await admin.audit(h.guildId, { plugin: 'invites' });
		expect(audit.map((a) => a.action)).toEqual(['invites.blacklist.remove', 'invites.blacklist.add']);
	});

	it('checks the hierarchy before saving a rank, refuses a taken threshold or a bad number, and saves a good one (303)', async () => {
		const above = await h.createRole('Above Foyer');
		await h.moveRole(above, botRole().rawPosition + 1);
		const high = await admin.form(`${base}/ranks`, { role: above, invites: '5' });
		expect(high.status).toBe(422);
		expect(await high.text()).toMatch(
			/id="rk-role-error" class="error">Role Above Foyer is above Foyer&#39;s highest role Foyer/,
		);
		const managed = await admin.form(`${base}/ranks`, { role: botRole().id, invites: '5' }, { htmx: true });
		expect(managed.status).toBe(422);
		expect(await managed.text()).toContain('is managed by an integration');
		const number = await admin.form(`${base}/ranks`, { role: h.role('VIP'), invites: '-2' }, { htmx: true });
		expect(number.status).toBe(422);
		expect(await number.text()).toContain('id="rk-invites-error"');
		expect(await listRanks(h.guildId)).toEqual([]);

		const ok = await admin.form(`${base}/ranks`, { role: h.role('VIP'), invites: '5' });
		expect([ok.status, ok.headers.get('location')]).toEqual([303, `${base}/ranks#invites-ranks`]);
		const twice = await admin.form(`${base}/ranks`, { role: h.role('Member'), invites: '5' }, { htmx: true });
		expect(twice.status).toBe(422);
		expect(await twice.text()).toContain('Another rank is reached at 5 invites.');
		expect(await listRanks(h.guildId)).toEqual([{ roleId: h.role('VIP'), invites: 5 }]);
		const page = await (await admin.page(`${base}/ranks`)).text();
		expect(page).toContain(`data-role-id="${h.role('VIP')}"`);
		// Ranks are off by default (anything that rewards inviting is): the repair says so and does nothing.
		const repair = await admin.form(`${base}/ranks/repair`, {}, { htmx: true });
		expect(repair.status).toBe(409);
		expect(await repair.text()).toContain('Ranks are off');
		const removed = await admin.form(`${base}/ranks/remove`, { role: h.role('VIP') });
		expect(removed.status).toBe(303);
		expect(await listRanks(h.guildId)).toEqual([]);
	});

	it('creates a role-granting invite limited to listed users, tracked in the list; bad input creates nothing', async () => {
		const before = await liveInvites();
		const bad = await admin.form(`${base}/codes`, {
			channel: h.channel('general'),
			maxUses: '500',
			maxAge: '99',
			roles: [botRole().id],
			targets: 'alice\n123',
		});
		expect(bad.status).toBe(422);
		const text = await bad.text();
		for (const id of ['ic-max-uses-error', 'ic-max-age-error', 'ic-roles-error', 'ic-targets-error'])
			expect(text).toContain(`id="${id}"`);
		expect(text).toContain('Not user ids: “alice”, “123”');
		expect(await liveInvites()).toEqual(before);

		const made = await admin.form(
			`${base}/codes`,
			{
				channel: h.channel('general'),
				maxUses: '3',
				maxAge: '86400',
				roles: [h.role('Verified'), h.role('VIP')],
				targets: `${h.demo.memberId}\n<@${h.demo.adminId}>`,
			},
			{ htmx: true },
		);
		expect(made.status).toBe(200);
		const answer = await made.text();
		const code = /id="created-code">([^<]+)</.exec(answer)?.[1] as string;
		expect(code).toBeTruthy();
		expect(answer).toContain(`data-code="${code}"`);
		const invite = (await liveInvites()).find((i) => i.code === code) as Record<string, unknown>;
		expect(invite.max_uses).toBe(3);
		expect(invite.max_age).toBe(86_400);
		expect((invite.role_ids as string[]).sort()).toEqual([h.role('Verified'), h.role('VIP')].sort());
		expect((invite.target_user_ids as string[]).sort()).toEqual([h.demo.memberId, h.demo.adminId].sort());
		const plain = await admin.form(`${base}/codes`, { channel: h.channel('general'), maxUses: '0', maxAge: '0' });
		expect([plain.status, plain.headers.get('location')]).toEqual([303, `${base}/codes#invites-codes`]);
	});

	it('says exactly which permission tracking is missing and what it costs', async () => {
		const ok = await (await admin.page(base)).text();
		expect(ok).toContain('Foyer has every permission invite tracking uses.');
		const role = botRole();
		const all = role.permissions;
		await h.denyInChannel('rules', ['ManageChannels']);
		const without = all.remove('ManageGuild', 'ViewAuditLog');
		await h.control.call('PATCH', `/guilds/${h.guildId}/roles/${role.id}`, {
			permissions: without.bitfield.toString(),
		});
		await h.waitFor(() => !botRole().permissions.has('ManageGuild'), 'Foyer to lose Manage Server');
		const html = await (await admin.page(base)).text();
		const row = (id: string) => new RegExp(`<tr data-check="${id}" data-ok="([a-z]+)">`).exec(html)?.[1];
		expect([row('manage-guild'), row('manage-channels'), row('view-audit-log'), row('manage-roles')]).toEqual([
			'no',
			'no',
			'no',
			'yes',
		]);
		expect(html).toContain('Foyer lacks Manage Server: it cannot read how often each invite was used');
		expect(html).toContain('Foyer lacks Manage Channels in #rules');
		expect(html).toContain('Foyer lacks View Audit Log');
		expect(html).toContain('3 permissions are missing');
		// The invites list needs Manage Server too: the page says so instead of failing.
		expect(await (await admin.page(`${base}/codes`)).text()).toContain('Foyer needs Manage Server to read them');
		await h.control.call('PATCH', `/guilds/${h.guildId}/roles/${role.id}`, { permissions: all.bitfield.toString() });
		await h.waitFor(() => botRole().permissions.has('ManageGuild'), 'Foyer to get Manage Server back');
	});

	it('refuses bad filters with a 422 beside the field and no figures', async () => {
		const stats = await admin.page(`${base}/stats?from=2026-02-30&to=2026-01-01`);
		expect(stats.status).toBe(422);
		const s = await stats.text();
		expect(s).toContain('id="stats-from-error"');
		expect(s).not.toContain('data-figure="joins"');
		const reversed = await admin.page(`${base}/stats?from=2026-03-02&to=2026-03-01`);
		expect(await reversed.text()).toContain('The first day must not be after the last day.');
		const joins = await admin.page(`${base}/joins?source=guess&inviter=me&flag=x`);
		expect(joins.status).toBe(422);
		const j = await joins.text();
		for (const id of ['jl-source-error', 'jl-inviter-error', 'jl-flag-error']) expect(j).toContain(`id="${id}"`);
		expect((await admin.page(`${base}/joins/export?from=yesterday`)).status).toBe(422);
		expect((await admin.page(`${base}/inviter?user=nobody`)).status).toBe(422);
	});
});
