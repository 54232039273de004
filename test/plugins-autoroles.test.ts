import { container } from '@sapphire/framework';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { whyNotAssignable } from '../plugins/autoroles/_hierarchy.ts';
import { describeDelay, parseRuleInput } from '../plugins/autoroles/_rule-input.ts';
import type { Database } from '../src/core/database/database.ts';
import { type Backend, describeOnBackends } from '../src/testing/backends.ts';
import { startFoyerWithEmulator } from '../src/testing/foyer-harness.ts';
import { waitUntil } from './helpers/wait.ts';

interface LoggedRequest {
	id: number;
	method: string;
	route: string;
	path: string;
	status: number;
	errorCode?: number;
}

const MEMBER_ROUTE = '/guilds/:guild_id/members/:user_id';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeOnBackends('auto roles plugin (seed 3.3; phase 1 tests 2 and 3)', (backend: Backend) => {
	let db: Database;
	let h: Awaited<ReturnType<typeof startFoyerWithEmulator>>;
	let adminId: string;
	let roles: Record<string, string>;

	const run = (command: string, options?: Record<string, string | number | boolean>) =>
		h.control.command({ channel_id: h.generalId, user_id: adminId, command, ...(options ? { options } : {}) });
	const add = async (roleId: string, extra: Record<string, string | number> = {}) => {
		const result = await run('autoroles add', { role: roleId, ...extra });
		expect(result.reply.content).toMatch(/^Added auto role/);
	};
	const createRole = async (name: string, position?: number): Promise<string> =>
		(await h.control.call('POST', `/guilds/${h.guildId}/roles`, { name, ...(position ? { position } : {}) })).id;
	const rolesOf = (userId: string) => h.emulator.world.member(h.guildId, userId).roles;
	const lastRequestId = async () => (await h.control.requests()).last_id as number;
	/** Role changes (and member look-ups) the bot made for one member since a request id. */
	const requestsFor = async (userId: string, since: number): Promise<LoggedRequest[]> =>
		((await h.control.requests({ since })).requests as LoggedRequest[]).filter((r) =>
			r.path.includes(`/members/${userId}`),
		);
	const stats = async () => {
		const counts = await container.counters.read('autoroles', h.guildId);
		const note = await container.counters.lastNote('autoroles', h.guildId);
		return { assigned: counts.assigned ?? 0, failed: counts.failed ?? 0, last_error: note?.message ?? null };
	};
	const joinUser = async (username: string, bot = false): Promise<string> =>
		(await h.control.join(h.guildId, { user: { username, bot } })).user.id;

	beforeAll(async () => {
		const backendOptions = await backend.harnessOptions();
		db = backendOptions.db;
		h = await startFoyerWithEmulator(['autoroles', 'join'], { from: 'plugins', ...backendOptions });
		adminId = h.emulator.demo?.admin.id as string;
		roles = h.emulator.demo?.roles as Record<string, string>;
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});
	beforeEach(async () => {
		// A reload writes the counts the last test left gathering and drops the plugin's in-memory copy
		// of the rules; the rows then go behind its back, before anything reads them again.
		await h.foyer.plugins.reload('autoroles');
		const connection = db.em().getConnection();
		await connection.execute('delete from autoroles_rules');
		await container.counters.reset('autoroles', h.guildId);
	});

	it('offers /autoroles only to members with Manage Server', async () => {
		const command = [...h.emulator.defaultApp.globalCommands.values()].find((c) => c.name === 'autoroles');
		expect(command?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
		await expect(
			h.control.command({
				channel_id: h.generalId,
				user_id: h.emulator.demo?.member.id as string,
				command: 'autoroles list',
			}),
		).rejects.toThrow(/lacks the permissions/);
	});

	it('gives a joining member both auto roles in the configured order, with one REST call (phase 1 test 2)', async () => {
		await add(roles.VIP as string);
		await add(roles.Member as string);
		const since = await lastRequestId();
		const first = await joinUser('ar-both-1');
		await waitUntil(() => rolesOf(first).length === 2);
		expect(rolesOf(first)).toEqual([roles.VIP, roles.Member]);
		const calls = await requestsFor(first, since);
		expect(calls.map((r) => `${r.method} ${r.route} ${r.status}`)).toEqual([`PATCH ${MEMBER_ROUTE} 200`]);
		// The join plugin keeps welcoming beside it.
		const general = () => [...h.emulator.world.channel(h.generalId).messages.values()];
		await waitUntil(() => general().some((m) => JSON.stringify(m).includes(first)));

		// The other order too, so that no sorting (by position or id) can pass by chance.
		await run('autoroles remove', { role: roles.VIP as string });
		await add(roles.VIP as string);
		const second = await joinUser('ar-both-2');
		await waitUntil(() => rolesOf(second).length === 2);
		expect(rolesOf(second)).toEqual([roles.Member, roles.VIP]);
		await waitUntil(async () => (await stats()).assigned === 4);
	});

	it('still gives auto roles when join messages are turned off (phase 1 test 3)', async () => {
		await h.foyer.plugins.setEnabled('join', h.guildId, false);
		try {
			await add(roles.Member as string);
			const user = await joinUser('ar-quiet');
			await waitUntil(() => rolesOf(user).includes(roles.Member as string));
			await sleep(500);
			const general = [...h.emulator.world.channel(h.generalId).messages.values()];
			expect(general.filter((m) => JSON.stringify(m).includes(user))).toEqual([]);
		} finally {
			await h.foyer.plugins.setEnabled('join', h.guildId, true);
		}
	});

	it('gives a delayed role only after its delay, after the immediate one (a single PUT each)', async () => {
		await add(roles.Member as string);
		await add(roles.Verified as string, { delay: 0.02 }); // 1.2 s, kept as 1 s
		const since = await lastRequestId();
		const joinedAt = Date.now();
		const user = await joinUser('ar-delayed');
		await waitUntil(() => rolesOf(user).includes(roles.Member as string));
		expect(rolesOf(user)).toEqual([roles.Member]);
		await waitUntil(() => rolesOf(user).includes(roles.Verified as string), 5000);
		expect(Date.now() - joinedAt).toBeGreaterThanOrEqual(900);
		expect(rolesOf(user)).toEqual([roles.Member, roles.Verified]);
		const calls = (await requestsFor(user, since)).filter((r) => r.method !== 'GET');
		expect(calls.map((r) => `${r.method} ${r.path.split('/').at(-1)}`)).toEqual([
			`PUT ${roles.Member}`,
			`PUT ${roles.Verified}`,
		]);
	});

	it('cancels a pending delayed role when the member leaves', async () => {
		await add(roles.Verified as string, { delay: 0.02 });
		const since = await lastRequestId();
		const user = await joinUser('ar-leaver');
		await waitUntil(async () => (await h.foyer.scheduler.pending()) > 0);
		await h.control.leave(h.guildId, user);
		await waitUntil(async () => (await h.foyer.scheduler.pending()) === 0);
		await sleep(1500);
		// Not even the member look-up the task starts with: the job never ran.
		expect(await requestsFor(user, since)).toEqual([]);
	});

	it('gives bots only the bot rules, and nothing when no rule targets bots', async () => {
		const botRole = await createRole('ar-bots');
		await add(roles.Member as string);
		await add(botRole, { target: 'bots' });
		const bot = await joinUser('ar-bot-1', true);
		const human = await joinUser('ar-human-1');
		await waitUntil(() => rolesOf(bot).length > 0 && rolesOf(human).length > 0);
		expect(rolesOf(bot)).toEqual([botRole]);
		expect(rolesOf(human)).toEqual([roles.Member]);

		await run('autoroles remove', { role: botRole });
		const since = await lastRequestId();
		const lone = await joinUser('ar-bot-2', true);
		// A human joining after the bot is a barrier: once they have their role, the bot's join was handled.
		const after = await joinUser('ar-human-2');
		await waitUntil(() => rolesOf(after).length > 0);
		await sleep(200);
		expect(rolesOf(lone)).toEqual([]);
		expect(await requestsFor(lone, since)).toEqual([]);
	});

	it('refuses to add a role above Foyer, a managed role or a duplicate, saying why', async () => {
		const above = await createRole('ar-above', 100);
		const high = await run('autoroles add', { role: above });
		expect(high.reply.ephemeral).toBe(true);
		expect(high.reply.content).toBe(
			"Could not add ar-above: Role ar-above is above Foyer's highest role Foyer; move Foyer's role above it in Server Settings > Roles.",
		);
		const managed = await run('autoroles add', { role: roles.Foyer as string });
		expect(managed.reply.content).toMatch(/^Could not add Foyer: Role Foyer is managed by an integration/);
		await add(roles.Member as string);
		const again = await run('autoroles add', { role: roles.Member as string, delay: 5 });
		expect(again.reply.content).toBe(
			'Could not add Member: Role Member is already an auto role; remove it first to change its delay or target.',
		);
		await expect(run('autoroles add', { role: roles.VIP as string, delay: 10_081 })).rejects.toThrow(/delay/);
		const list = await run('autoroles list');
		expect(list.reply.content.split('\n').slice(1, -1)).toEqual([`1. <@&${roles.Member}>: humans, at once`]);
	});

	it('counts a role moved above Foyer after the rule was added, warns once, and sends no doomed request', async () => {
		const moved = await createRole('ar-moved');
		await add(moved);
		await h.control.call('PATCH', `/guilds/${h.guildId}/roles/${moved}`, { position: 100 });
		await waitUntil(async () => (await run('autoroles list')).reply.content.includes('not given: Role ar-moved'));
		const logsBefore = h.logs.length;
		const since = await lastRequestId();
		const users = await Promise.all([1, 2, 3].map((i) => joinUser(`ar-moved-${i}`)));
		await waitUntil(async () => (await stats()).failed === 3);
		expect((await stats()).last_error).toBe(
			"Role ar-moved is above Foyer's highest role Foyer; move Foyer's role above it in Server Settings > Roles.",
		);
		for (const u of users) expect(rolesOf(u)).toEqual([]);
		const ours = h.logs.slice(logsBefore).filter((l) => l.plugin === 'autoroles');
		expect(ours.filter((l) => l.level === 40)).toHaveLength(1);
		expect(ours.filter((l) => l.level >= 50)).toEqual([]);
		const sent = ((await h.control.requests({ since })).requests as LoggedRequest[]).filter((r) => r.status === 403);
		expect(sent).toEqual([]);
	});

	it('counts a 50013 from Discord (cache a step behind) as a failure, without an error', async () => {
		const stale = await createRole('ar-stale');
		await add(stale);
		// Move the role without telling the bot, as when it moves while the join is being handled.
		h.emulator.world.role(h.guildId, stale).position = 1000;
		const logsBefore = h.logs.length;
		const since = await lastRequestId();
		const user = await joinUser('ar-stale-1');
		await waitUntil(async () => (await stats()).failed === 1);
		expect((await stats()).last_error).toMatch(/^Discord refused to give ar-stale \(Missing Permissions\)/);
		expect(rolesOf(user)).toEqual([]);
		const calls = await requestsFor(user, since);
		expect(calls.map((r) => [r.method, r.status, r.errorCode])).toEqual([['PUT', 403, 50013]]);
		const ours = h.logs.slice(logsBefore).filter((l) => l.plugin === 'autoroles');
		expect(ours.filter((l) => l.level === 40)).toHaveLength(1);
		expect(h.logs.slice(logsBefore).filter((l) => l.level >= 50)).toEqual([]);
		// The next join with a good rule still works.
		await run('autoroles remove', { role: stale });
		await add(roles.Member as string);
		const next = await joinUser('ar-stale-2');
		await waitUntil(() => rolesOf(next).includes(roles.Member as string));
	});

	it('lists the rules in order with target, delay and totals, and forgets removed ones', async () => {
		expect((await run('autoroles list')).reply.content).toBe('No auto roles yet. Add one with /autoroles add.');
		const botRole = await createRole('ar-list-bots');
		const added = await run('autoroles add', { role: roles.Member as string });
		expect(added.reply.content).toBe(`Added auto role <@&${roles.Member}>: given to every new member at once.`);
		await add(roles.VIP as string, { delay: 90 });
		await add(botRole, { delay: 0.5, target: 'bots' });
		const list = await run('autoroles list');
		expect(list.reply.ephemeral).toBe(true);
		expect(list.reply.pings).toEqual({ users: [], roles: [], everyone: false });
		expect(list.reply.content).toBe(
			[
				'Auto roles, in the order they are given:',
				`1. <@&${roles.Member}>: humans, at once`,
				`2. <@&${roles.VIP}>: humans, after 1 h 30 min`,
				`3. <@&${botRole}>: bots, after 30 s`,
				'Given so far: 0; not given: 0.',
			].join('\n'),
		);
		expect((await run('autoroles remove', { role: roles.VIP as string })).reply.content).toBe(
			`Removed auto role <@&${roles.VIP}>.`,
		);
		expect((await run('autoroles remove', { role: roles.VIP as string })).reply.content).toBe(
			'VIP is not an auto role here; see /autoroles list.',
		);
		expect((await run('autoroles list')).reply.content.split('\n').slice(1, -1)).toEqual([
			`1. <@&${roles.Member}>: humans, at once`,
			`2. <@&${botRole}>: bots, after 30 s`,
		]);
	});

	it('drops the rule of a role that is deleted', async () => {
		const doomed = await createRole('ar-doomed');
		await add(doomed);
		await h.control.call('DELETE', `/guilds/${h.guildId}/roles/${doomed}`);
		await waitUntil(async () => (await run('autoroles list')).reply.content.startsWith('No auto roles'));
	});

	it("reads a guild's rules from the database once, not on every join, and batches its counters", async () => {
		const connection = db.em().getConnection();
		const spy = vi.spyOn(connection, 'execute');
		const sqlOf = (call: unknown[]) => (typeof call[0] === 'string' ? call[0].toLowerCase() : '');
		const ruleReads = () =>
			spy.mock.calls.filter((c) => sqlOf(c).startsWith('select') && sqlOf(c).includes('autoroles_rules')).length;
		const statsWrites = () =>
			spy.mock.calls.filter((c) => /^(update|insert)/.test(sqlOf(c)) && sqlOf(c).includes('foyer_plugin_counters'))
				.length;
		try {
			// No rules, and nothing read yet since the reload: the first join reads them (an empty list) once.
			await joinUser('ar-cache-none-1');
			await waitUntil(() => ruleReads() === 1);
			await Promise.all([2, 3, 4].map((i) => joinUser(`ar-cache-none-${i}`)));
			// Nothing to wait for in a guild without rules: give the listener time to query, if it would.
			await sleep(500);
			expect(ruleReads()).toBe(1);

			await add(roles.Member as string);
			const afterAdd = ruleReads();
			const writesBefore = statsWrites();
			const users = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((i) => joinUser(`ar-cache-${i}`)));
			await waitUntil(() => users.every((u) => rolesOf(u).includes(roles.Member as string)));
			await waitUntil(async () => (await stats()).assigned === 8);
			// The add forgot the copy: the first join read the rules again, and the seven others did not.
			expect(ruleReads() - afterAdd).toBe(1);
			// Eight joins within moments of each other share their counter writes.
			expect(statsWrites() - writesBefore).toBeLessThan(8);
			expect((await run('autoroles list')).reply.content.split('\n').at(-1)).toBe('Given so far: 8; not given: 0.');
		} finally {
			spy.mockRestore();
		}
	});
});

describe('auto roles helpers the dashboard will use', () => {
	const bot = { highest: { id: '1'.repeat(18), name: 'Foyer', position: 5, managed: true }, canManageRoles: true };
	const role = (position: number, managed = false) => ({ id: '2'.repeat(18), name: 'Fans', position, managed });

	it('accepts roles strictly below Foyer and explains every refusal', () => {
		expect(whyNotAssignable(role(4), bot, '9'.repeat(18))).toBeNull();
		expect(whyNotAssignable(role(5), bot, '9'.repeat(18))).toMatch(/^Role Fans is above Foyer's highest role Foyer/);
		expect(whyNotAssignable(role(1, true), bot, '9'.repeat(18))).toMatch(/managed by an integration/);
		expect(whyNotAssignable(role(1), { ...bot, canManageRoles: false }, '9'.repeat(18))).toMatch(/Manage Roles/);
		expect(whyNotAssignable(role(0), bot, '2'.repeat(18))).toMatch(/@everyone/);
	});

	it('validates form input field by field and words delays', () => {
		expect(parseRuleInput({ roleId: '2'.repeat(18), delaySeconds: '90', target: 'bots' })).toEqual({
			ok: true,
			value: { roleId: '2'.repeat(18), delaySeconds: 90, target: 'bots' },
		});
		const bad = parseRuleInput({ roleId: 'x', delaySeconds: 604_801, target: 'aliens' });
		expect(bad.ok ? [] : Object.keys(bad.errors).sort()).toEqual(['delay', 'role', 'target']);
		expect([0, 1, 90, 5400, 604_800].map(describeDelay)).toEqual([
			'at once',
			'after 1 s',
			'after 1 min 30 s',
			'after 1 h 30 min',
			'after 7 d',
		]);
	});
});
