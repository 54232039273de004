import { describeOnBackends, type LoggedRequest, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import plugin from '../plugin.ts';

const MEMBER_ROUTE = '/guilds/:guild_id/members/:user_id';
/** Discord's Manage Server permission bit (1 << 5), as default_member_permissions carries it. */
const MANAGE_GUILD = String(1 << 5);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The suite, as a function of the harness options so that it can run on each backend. */
describeOnBackends('auto roles plugin (seed 3.3; phase 1 tests 2 and 3)', (backend) => {
	let h: TestFoyer;
	/** The counters when the test started: each test counts from there. */
	let before: { assigned: number; failed: number };

	const run = (command: string, options?: Record<string, string | number | boolean>) =>
		h.command(h.demo.adminId, command, options);
	const add = async (roleId: string, extra: Record<string, string | number> = {}) => {
		const reply = await run('autoroles add', { role: roleId, ...extra });
		expect(reply.content).toMatch(/^Added auto role/);
	};
	const rolesOf = async (userId: string) => (await h.rolesOf(userId)) ?? [];
	/** Role changes (and member look-ups) the bot made for one member since a request id. */
	const requestsFor = async (userId: string, since: number): Promise<LoggedRequest[]> =>
		(await h.requests(since)).filter((r) => r.path.includes(`/members/${userId}`));
	const totals = async () => {
		const counts = await plugin.counters.read(h.guildId);
		return { assigned: counts.assigned ?? 0, failed: counts.failed ?? 0 };
	};
	const stats = async () => {
		const now = await totals();
		const note = await plugin.counters.lastNote(h.guildId);
		return {
			assigned: now.assigned - before.assigned,
			failed: now.failed - before.failed,
			last_error: note?.message ?? null,
		};
	};
	const joinUser = (username: string, bot = false) => h.join({ username, bot });
	/** The rules' role ids as /autoroles list shows them, in order. */
	const listed = async () =>
		[...(await run('autoroles list')).content.matchAll(/^\d+\. <@&(\d+)>/gm)].map((m) => m[1] as string);

	beforeAll(async () => {
		h = await startTestFoyer({
			plugins: [new URL('..', import.meta.url), new URL('../../join', import.meta.url)],
			backend,
		});
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});
	beforeEach(async () => {
		// Every test starts without rules, removed the way an admin would.
		for (const roleId of await listed()) await run('autoroles remove', { role: roleId });
		before = await totals();
	});

	it('offers /autoroles only to members with Manage Server', async () => {
		expect((await h.registeredCommand('autoroles'))?.default_member_permissions).toBe(MANAGE_GUILD);
		await expect(h.command(h.demo.memberId, 'autoroles list')).rejects.toThrow(/lacks the permissions/);
	});

	it('gives a joining member both auto roles in the configured order, with one REST call (phase 1 test 2)', async () => {
		await add(h.role('VIP'));
		await add(h.role('Member'));
		const since = await h.lastRequestId();
		const first = await joinUser('ar-both-1');
		await h.waitFor(async () => (await rolesOf(first)).length === 2, 'both roles');
		expect(await rolesOf(first)).toEqual([h.role('VIP'), h.role('Member')]);
		const calls = await requestsFor(first, since);
		expect(calls.map((r) => `${r.method} ${r.route} ${r.status}`)).toEqual([`PATCH ${MEMBER_ROUTE} 200`]);
		// The join plugin keeps welcoming beside it.
		await h.waitFor(
			async () => (await h.botMessages('general')).some((m) => m.content.includes(first)),
			'the welcome beside the roles',
		);

		// The other order too, so that no sorting (by position or id) can pass by chance.
		await run('autoroles remove', { role: h.role('VIP') });
		await add(h.role('VIP'));
		const second = await joinUser('ar-both-2');
		await h.waitFor(async () => (await rolesOf(second)).length === 2, 'both roles again');
		expect(await rolesOf(second)).toEqual([h.role('Member'), h.role('VIP')]);
		await h.waitFor(async () => (await stats()).assigned === 4, 'four roles counted');
	});

	it('still gives auto roles when join messages are turned off (phase 1 test 3)', async () => {
		await h.enable('join', false);
		try {
			await add(h.role('Member'));
			const user = await joinUser('ar-quiet');
			await h.waitFor(async () => (await rolesOf(user)).includes(h.role('Member')), 'the Member role');
			await sleep(500);
			const general = await h.messages('general');
			expect(general.filter((m) => JSON.stringify(m.raw).includes(user))).toEqual([]);
		} finally {
			await h.enable('join', true);
		}
	});

	it('gives a role delayed by a day only once the day has passed, after the immediate one (a single PUT each)', async () => {
		await add(h.role('Member'));
		await add(h.role('Verified'), { delay: 24 * 60 });
		const since = await h.lastRequestId();
		const user = await joinUser('ar-delayed');
		await h.waitFor(async () => (await rolesOf(user)).includes(h.role('Member')), 'the immediate role');
		expect(await rolesOf(user)).toEqual([h.role('Member')]);
		await h.clock.advance(DAY - MINUTE);
		expect(await rolesOf(user)).toEqual([h.role('Member')]);
		await h.clock.advance(MINUTE);
		expect(await rolesOf(user)).toEqual([h.role('Member'), h.role('Verified')]);
		const calls = (await requestsFor(user, since)).filter((r) => r.method !== 'GET');
		expect(calls.map((r) => `${r.method} ${r.path.split('/').at(-1)}`)).toEqual([
			`PUT ${h.role('Member')}`,
			`PUT ${h.role('Verified')}`,
		]);
	});

	it('gives a role delayed by 7 days, the longest delay, after a week of test time', async () => {
		await add(h.role('Verified'), { delay: 7 * 24 * 60 });
		const user = await joinUser('ar-week');
		await h.waitFor(async () => (await h.pendingJobs()) > 0, 'the delayed role scheduled');
		await h.clock.advance(6 * DAY);
		expect(await rolesOf(user)).toEqual([]);
		await h.clock.advance(DAY);
		expect(await rolesOf(user)).toEqual([h.role('Verified')]);
		expect(h.errors()).toEqual([]);
	});

	it('cancels a pending delayed role when the member leaves', async () => {
		await add(h.role('Verified'), { delay: 60 });
		const jobsBefore = await h.pendingJobs();
		const since = await h.lastRequestId();
		const user = await joinUser('ar-leaver');
		await h.waitFor(async () => (await h.pendingJobs()) > jobsBefore, 'the delayed role scheduled');
		await h.leave(user);
		await h.waitFor(async () => (await h.pendingJobs()) === jobsBefore, 'the delayed role cancelled');
		await h.clock.advance(2 * 60 * MINUTE);
		// Not even the member look-up the task starts with: the job never ran.
		expect(await requestsFor(user, since)).toEqual([]);
	});

	it('gives bots only the bot rules, and nothing when no rule targets bots', async () => {
		const botRole = await h.createRole('ar-bots');
		await add(h.role('Member'));
		await add(botRole, { target: 'bots' });
		const bot = await joinUser('ar-bot-1', true);
		const human = await joinUser('ar-human-1');
		await h.waitFor(
			async () => (await rolesOf(bot)).length > 0 && (await rolesOf(human)).length > 0,
			'the bot and the human given roles',
		);
		expect(await rolesOf(bot)).toEqual([botRole]);
		expect(await rolesOf(human)).toEqual([h.role('Member')]);

		await run('autoroles remove', { role: botRole });
		const since = await h.lastRequestId();
		const lone = await joinUser('ar-bot-2', true);
		// A human joining after the bot is a barrier: once they have their role, the bot's join was handled.
		const after = await joinUser('ar-human-2');
		await h.waitFor(async () => (await rolesOf(after)).length > 0, 'the human after the bot');
		await sleep(200);
		expect(await rolesOf(lone)).toEqual([]);
		expect(await requestsFor(lone, since)).toEqual([]);
	});

	it('refuses to add a role above Foyer, a managed role or a duplicate, saying why', async () => {
		const above = await h.createRole('ar-above', { position: 100 });
		const high = await run('autoroles add', { role: above });
		expect(high.ephemeral).toBe(true);
		expect(high.content).toBe(
			"Could not add ar-above: Role ar-above is above Foyer's highest role Foyer; move Foyer's role above it in Server Settings > Roles.",
		);
		const managed = await run('autoroles add', { role: h.role('Foyer') });
		expect(managed.content).toMatch(/^Could not add Foyer: Role Foyer is managed by an integration/);
		await add(h.role('Member'));
		const again = await run('autoroles add', { role: h.role('Member'), delay: 5 });
		expect(again.content).toBe(
			'Could not add Member: Role Member is already an auto role; remove it first to change its delay or target.',
		);
		await expect(run('autoroles add', { role: h.role('VIP'), delay: 10_081 })).rejects.toThrow(/delay/);
		expect(await listed()).toEqual([h.role('Member')]);
		const list = await run('autoroles list');
		expect(list.content.split('\n').slice(1, -1)).toEqual([`1. <@&${h.role('Member')}>: humans, at once`]);
	});

	it('counts a role moved above Foyer after the rule was added, warns once, and sends no doomed request', async () => {
		const moved = await h.createRole('ar-moved');
		await add(moved);
		await h.moveRole(moved, 100);
		await h.waitFor(
			async () => (await run('autoroles list')).content.includes('not given: Role ar-moved'),
			'the list to show the problem',
		);
		const logsBefore = h.logs.length;
		const since = await h.lastRequestId();
		const users = await Promise.all([1, 2, 3].map((i) => joinUser(`ar-moved-${i}`)));
		await h.waitFor(async () => (await stats()).failed === 3, 'three failures counted');
		expect((await stats()).last_error).toBe(
			"Role ar-moved is above Foyer's highest role Foyer; move Foyer's role above it in Server Settings > Roles.",
		);
		for (const u of users) expect(await rolesOf(u)).toEqual([]);
		const ours = h.logs.slice(logsBefore).filter((l) => l.plugin === plugin.id);
		expect(ours.filter((l) => l.level === 40)).toHaveLength(1);
		expect(ours.filter((l) => l.level >= 50)).toEqual([]);
		expect((await h.requests(since)).filter((r) => r.status === 403)).toEqual([]);
	});

	it('counts a 50013 from Discord (cache a step behind) as a failure, without an error', async () => {
		const stale = await h.createRole('ar-stale');
		await add(stale);
		// Discord moves the role above Foyer while Foyer's cache still has it where it was, as when the
		// move happens while a join is handled: the check passes and Discord refuses the call.
		const cached = h.foyer.client.guilds.cache.get(h.guildId)?.roles.cache.get(stale);
		if (!cached) throw new Error('Foyer has not seen the role');
		const position = cached.rawPosition;
		await h.moveRole(stale, 1000);
		cached.rawPosition = position;
		const logsBefore = h.logs.length;
		const since = await h.lastRequestId();
		const user = await joinUser('ar-stale-1');
		await h.waitFor(async () => (await stats()).failed === 1, 'the failure counted');
		expect((await stats()).last_error).toMatch(/^Discord refused to give ar-stale \(Missing Permissions\)/);
		expect(await rolesOf(user)).toEqual([]);
		const calls = await requestsFor(user, since);
		expect(calls.map((r) => [r.method, r.status, r.errorCode])).toEqual([['PUT', 403, 50013]]);
		const ours = h.logs.slice(logsBefore).filter((l) => l.plugin === plugin.id);
		expect(ours.filter((l) => l.level === 40)).toHaveLength(1);
		expect(h.logs.slice(logsBefore).filter((l) => l.level >= 50)).toEqual([]);
		// The next join with a good rule still works.
		await run('autoroles remove', { role: stale });
		await add(h.role('Member'));
		const next = await joinUser('ar-stale-2');
		await h.waitFor(async () => (await rolesOf(next)).includes(h.role('Member')), 'the next member’s role');
	});

	it('lists the rules in order with target, delay and totals, and forgets removed ones', async () => {
		expect((await run('autoroles list')).content).toBe('No auto roles yet. Add one with /autoroles add.');
		const botRole = await h.createRole('ar-list-bots');
		const added = await run('autoroles add', { role: h.role('Member') });
		expect(added.content).toBe(`Added auto role <@&${h.role('Member')}>: given to every new member at once.`);
		await add(h.role('VIP'), { delay: 90 });
		await add(botRole, { delay: 0.5, target: 'bots' });
		const list = await run('autoroles list');
		expect(list.ephemeral).toBe(true);
		expect([list.pings, list.pingedRoles, list.pingedEveryone]).toEqual([[], [], false]);
		expect(list.content).toBe(
			[
				'Auto roles, in the order they are given:',
				`1. <@&${h.role('Member')}>: humans, at once`,
				`2. <@&${h.role('VIP')}>: humans, after 1 h 30 min`,
				`3. <@&${botRole}>: bots, after 30 s`,
				`Given so far: ${before.assigned}; not given: ${before.failed}.`,
			].join('\n'),
		);
		expect((await run('autoroles remove', { role: h.role('VIP') })).content).toBe(
			`Removed auto role <@&${h.role('VIP')}>.`,
		);
		expect((await run('autoroles remove', { role: h.role('VIP') })).content).toBe(
			'VIP is not an auto role here; see /autoroles list.',
		);
		expect((await run('autoroles list')).content.split('\n').slice(1, -1)).toEqual([
			`1. <@&${h.role('Member')}>: humans, at once`,
			`2. <@&${botRole}>: bots, after 30 s`,
		]);
	});

	it('drops the rule of a role that is deleted', async () => {
		const doomed = await h.createRole('ar-doomed');
		await add(doomed);
		await h.deleteRole(doomed);
		await h.waitFor(
			async () => (await run('autoroles list')).content.startsWith('No auto roles'),
			'the rule to go with its role',
		);
	});

	it("reads a guild's rules from the database once, not on every join, and batches its counters", async () => {
		// A reload drops the plugin's in-memory copy of the rules and writes the counts still gathering.
		await h.reload(plugin.id);
		const spy = vi.spyOn(plugin.em().getConnection(), 'execute');
		const sqlOf = (call: unknown[]) => (typeof call[0] === 'string' ? call[0].toLowerCase() : '');
		const ruleReads = () =>
			spy.mock.calls.filter((c) => sqlOf(c).startsWith('select') && sqlOf(c).includes('autoroles_rules')).length;
		const statsWrites = () =>
			spy.mock.calls.filter((c) => /^(update|insert)/.test(sqlOf(c)) && sqlOf(c).includes('foyer_plugin_counters'))
				.length;
		try {
			// No rules, and nothing read since the reload: the first join reads them (an empty list) once.
			await joinUser('ar-cache-none-1');
			await h.waitFor(() => ruleReads() === 1, 'the first read of the rules');
			await Promise.all([2, 3, 4].map((i) => joinUser(`ar-cache-none-${i}`)));
			// Nothing to wait for in a guild without rules: give the listener time to query, if it would.
			await sleep(500);
			expect(ruleReads()).toBe(1);

			await add(h.role('Member'));
			const afterAdd = ruleReads();
			const writesBefore = statsWrites();
			const users = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((i) => joinUser(`ar-cache-${i}`)));
			await h.waitFor(
				async () => (await Promise.all(users.map(rolesOf))).every((r) => r.includes(h.role('Member'))),
				'eight members given the role',
			);
			await h.waitFor(async () => (await stats()).assigned === 8, 'eight roles counted');
			// The add forgot the copy: the first join read the rules again, and the seven others did not.
			expect(ruleReads() - afterAdd).toBe(1);
			// Eight joins within moments of each other share their counter writes.
			expect(statsWrites() - writesBefore).toBeLessThan(8);
			expect((await run('autoroles list')).content.split('\n').at(-1)).toBe(
				`Given so far: ${before.assigned + 8}; not given: ${before.failed}.`,
			);
		} finally {
			spy.mockRestore();
		}
	});
});
