import { type DashboardClient, describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';
import { joinLog } from '../records/index.ts';
import { tracking } from './_tracking.ts';

const FORMULA = '=HYPERLINK("http://e.vil","x")';

/**
 * The join log, an inviter's page and the CSV export over joins made through the emulator: filters
 * by source, flag, inviter and date, paging, formula-safe CSV, and an invite created from the
 * dashboard (granting a role) tracked like any other.
 */
describeOnBackends('invites join log', (backend) => {
	let h: TestFoyer;
	let admin: DashboardClient;
	let base: string;
	let code: string;
	const ids: string[] = [];
	let young: string;
	let vanity: string;
	let formula: string;

	const decided = async (id: string) => {
		const [j] = (await joinLog(h.guildId, { memberId: id })).items;
		return j !== undefined && j.source !== 'pending';
	};
	const rowsOf = (html: string) => [...html.matchAll(/data-member-id="(\d+)"/g)].map((m) => m[1]);

	beforeAll(async () => {
		h = await startTestFoyer({ plugins: [new URL('..', import.meta.url)], backend });
		await h.enable('invites', true);
		// 25 joins through one inviter in a minute would trip the burst rule: this suite is about the log.
		expect((await plugin.updateSettings(h.guildId, { burstJoins: 0 })).ok).toBe(true);
		await tracking(h);
		base = `/invites/${h.guildId}`;
		admin = await h.dashboard();
		code = await h.createInvite({ inviterId: h.demo.adminId });
		// Spaced joins (each decided before the next): every one of them is exact.
		formula = await h.join({ username: 'formula', globalName: FORMULA, invite: code });
		await h.waitFor(() => decided(formula), 'the first join to be decided', 15_000);
		young = await h.join({ username: 'young', accountAgeDays: 1, invite: code });
		await h.waitFor(() => decided(young), 'the young join to be decided', 15_000);
		vanity = await h.join({ username: 'vanity', invite: 'vanity' });
		await h.waitFor(() => decided(vanity), 'the vanity join to be decided', 15_000);
		// 25 more on the one code at once: all its uses are on one code, so each is exact too.
		ids.push(...(await Promise.all(Array.from({ length: 25 }, (_, i) => h.join({ username: `m${i}`, invite: code })))));
		await h.waitFor(
			async () => (await Promise.all(ids.map(decided))).every(Boolean),
			'the 25 joins to be decided',
			30_000,
		);
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('lists joins newest first, 25 a page, and filters by source, flag, inviter and date', async () => {
		const first = await (await admin.page(`${base}/joins`)).text();
		expect(first).toContain('28 joins match.');
		expect(first).toContain('Page 1 of 2');
		expect(rowsOf(first)).toHaveLength(25);
		const second = await (await admin.page(`${base}/joins?page=2`)).text();
		expect(rowsOf(second)).toEqual([vanity, young, formula]);

		const bySource = await (await admin.page(`${base}/joins?source=vanity`)).text();
		expect(rowsOf(bySource)).toEqual([vanity]);
		const byFlag = await (await admin.page(`${base}/joins?flag=new-account`)).text();
		expect(rowsOf(byFlag)).toEqual([young]);
		expect(byFlag).toMatch(/account 1 days old when joining \(minimum 7\)/);
		const byInviter = await (await admin.page(`${base}/joins?inviter=${h.demo.adminId}`)).text();
		expect(byInviter).toContain('27 joins match.');
		const today = new Date(h.clock.now()).toISOString().slice(0, 10);
		expect(await (await admin.page(`${base}/joins?from=${today}&to=${today}`)).text()).toContain('28 joins match.');
		expect(await (await admin.page(`${base}/joins?to=2020-01-01`)).text()).toContain('No join matches these filters.');
		// The pager keeps the filters.
		expect(first).toContain(`href="${base}/joins?page=2"`);
		expect(byInviter).toContain(`href="${base}/joins/export?inviter=${h.demo.adminId}"`);
	});

	it('shows the young join on the suspicious list with its evidence, and the inviter’s counts and code on their page', async () => {
		const fraud = await (await admin.page(`${base}/fraud`)).text();
		expect(rowsOf(fraud)).toEqual([young]);
		const page = await (await admin.page(`${base}/inviter?user=${h.demo.adminId}`)).text();
		const fig = (name: string) => new RegExp(`data-figure="${name}"><dt>[^<]+</dt><dd>(-?\\d+)</dd>`).exec(page)?.[1];
		expect([fig('tracked'), fig('fake'), fig('left'), fig('effective')]).toEqual(['27', '1', '0', '26']);
		expect(page).toContain(`data-code="${code}"`);
	});

	it('exports the filtered join log as CSV, defusing formulas in member names', async () => {
		const response = await admin.page(`${base}/joins/export?inviter=${h.demo.adminId}`);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const lines = (await response.text()).trimEnd().split('\r\n');
		expect(lines).toHaveLength(28);
		expect(lines[0]).toMatch(/^joined_utc,member_id,member,source,inviter_id/);
		expect(lines[1]).toContain(`,${formula},"'=HYPERLINK(""http://e.vil"",""x"")",invite,${h.demo.adminId},`);
		expect(lines[2]).toContain(',new-account,');
		const vanityOnly = (await (await admin.page(`${base}/joins/export?source=vanity`)).text()).trimEnd().split('\r\n');
		expect(vanityOnly.map((l) => l.split(',')[1])).toEqual(['member_id', vanity]);
	});

	it('tracks an invite created from the dashboard: the join through it is credited to its code, with the role it grants', async () => {
		const made = await admin.form(
			`${base}/codes`,
			{ channel: h.channel('general'), maxUses: '1', maxAge: '3600', roles: [h.role('Verified')] },
			{ htmx: true },
		);
		const created = /id="created-code">([^<]+)</.exec(await made.text())?.[1] as string;
		expect(created).toBeTruthy();
		const guest = await h.join({ username: 'guest', invite: created });
		await h.waitFor(() => decided(guest), 'the guest’s join to be decided', 15_000);
		const [join] = (await joinLog(h.guildId, { memberId: guest })).items;
		expect([join?.source, join?.code, join?.inviterId]).toEqual(['invite', created, h.botId]);
		expect(await h.rolesOf(guest)).toContain(h.role('Verified'));
		const log = await (await admin.page(`${base}/joins?source=invite`)).text();
		expect(log).toContain(`<code>${created}</code>`);
	});

	it('gives rank roles once ranks are on and a rank is added, and the repair button gives back a role taken by hand', async () => {
		expect((await plugin.updateSettings(h.guildId, { ranks: true })).ok).toBe(true);
		const vip = h.role('VIP');
		const added = await admin.form(`${base}/ranks`, { role: vip, invites: '20' }, { htmx: true });
		expect(added.status).toBe(200);
		expect(await added.text()).toContain('Members’ roles are being synced.');
		// The admin has 26 effective invites (27 tracked, 1 fake): they reach the rank.
		await h.waitFor(
			async () => (await h.rolesOf(h.demo.adminId))?.includes(vip) ?? false,
			'the admin to get the rank role',
		);
		const kept = ((await h.rolesOf(h.demo.adminId)) ?? []).filter((r) => r !== vip);
		await h.control.call('PATCH', `/guilds/${h.guildId}/members/${h.demo.adminId}`, { roles: kept });
		await h.waitFor(
			() => !h.foyer.client.guilds.cache.get(h.guildId)?.members.cache.get(h.demo.adminId)?.roles.cache.has(vip),
			'Foyer to see the role taken back',
		);
		const repair = await admin.form(`${base}/ranks/repair`, {});
		expect([repair.status, repair.headers.get('location')]).toEqual([303, `${base}/ranks#invites-ranks`]);
		await h.waitFor(
			async () => (await h.rolesOf(h.demo.adminId))?.includes(vip) ?? false,
			'the repair to give the role back',
		);
		// Nobody else reached 20: the member who invited nobody has no rank role.
		expect(await h.rolesOf(h.demo.memberId)).not.toContain(vip);
	});
});
