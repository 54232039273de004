import { describeOnBackends, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';
import { answerCaptcha, gateMessage, MINUTE, pressVerify, startGate } from './_gate.ts';

const RAID = 300;

describeOnBackends(`a ${RAID}-join raid with the gate on, emulator in realistic rate-limit mode`, (backend) => {
	let h: TestFoyer;
	let users: string[] = [];
	let since = 0;
	beforeAll(async () => {
		h = await startGate(
			{ backend, rateLimits: 'realistic' },
			{
				timeoutMinutes: 30,
				lockdownJoins: 20,
				lockdownSeconds: 10,
				lockdownPauseInvites: true,
				lockdownPauseHours: 2,
				lockdownQuietMinutes: 10,
			},
		);
		since = await h.lastRequestId();
		users = [];
		for (let i = 0; i < RAID; i += 25)
			users.push(...(await Promise.all(Array.from({ length: 25 }, (_, j) => h.join(`raider${i + j}`)))));
	}, 60_000);
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('verifies a member whose unverified role still waits in the queue with one call: they end with the verified role only', async () => {
		const last = users.at(-1) as string;
		// The lockdown switched the gate to captcha after the first joins.
		const answer = await answerCaptcha(h, last);
		expect(answer.content).toMatch(/^Right! You are verified/);
		expect(await h.rolesOf(last)).toEqual([h.role('Verified')]);
	}, 90_000);

	it('gates every member (the unverified role each, in one call), with no 429 and no error', async () => {
		const unverified = h.role('Unverified');
		const verifier = users.at(-1) as string;
		users = users.slice(0, -1);
		const gated = async () => {
			const guild = await h.control.guild(h.guildId);
			const members = new Map<string, string[]>(
				guild.members.map((m: { id: string; roles: string[] }) => [m.id, m.roles]),
			);
			return users.filter((u) => members.get(u)?.includes(unverified)).length;
		};
		await h.waitFor(async () => (await gated()) === RAID - 1, `all ${RAID - 1} other members gated`, 90_000);
		const requests = await h.requests(since);
		expect(requests.filter((r) => r.status === 429)).toEqual([]);
		const roleCalls = requests.filter((r) => r.route === '/guilds/:guild_id/members/:user_id/roles/:role_id');
		// One PUT per member: the unverified role, or for the one who verified first, only the verified role.
		expect(roleCalls).toHaveLength(RAID);
		expect(roleCalls.filter((r) => r.path.includes(`/members/${verifier}/`))).toHaveLength(1);
		expect(await h.rolesOf(verifier)).toEqual([h.role('Verified')]);
		expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
	}, 120_000);

	it('engages the lockdown: alert in the log channel, invites paused through Discord’s raid tools, the gate asks for a captcha', async () => {
		await h.waitFor(
			async () => (await h.botMessages('bot-log')).some((m) => m.content.includes('Raid lockdown engaged')),
			'the alert',
			20_000,
		);
		const [alert] = (await h.botMessages('bot-log')).filter((m) => m.content.includes('Raid lockdown engaged'));
		expect(alert?.content).toMatch(/members joined within 10 seconds/);
		expect(alert?.content).toMatch(/Invites paused until/);
		expect(alert?.pings).toEqual([]);
		const guild = await h.control.guild(h.guildId);
		expect(guild.incidents_data?.invites_disabled_until).toBeTruthy();
		const until = Date.parse(guild.incidents_data.invites_disabled_until);
		expect(until - Date.now()).toBeLessThanOrEqual(2 * 60 * MINUTE + MINUTE);
		const invite = await h.control.createInvite(h.guildId, {});
		await expect(h.join({ username: 'through-invite', invite: invite.code })).rejects.toThrow(/403/);
		expect(JSON.stringify((await gateMessage(h)).components)).toContain('type the code shown in the image');
		const answer = await pressVerify(h, users[0] as string);
		expect(answer.content).toMatch(/Type the code shown in the image/);
		expect((await plugin.counters.read(h.guildId)).lockdowns).toBe(1);
	}, 30_000);

	it('lifts the lockdown after 10 quiet minutes: invites work again, the gate is back to its button', async () => {
		await h.clock.advance(11 * MINUTE);
		await h.waitFor(
			async () => (await h.botMessages('bot-log')).some((m) => m.content.includes('Raid lockdown lifted')),
			'the lift',
			20_000,
		);
		const guild = await h.control.guild(h.guildId);
		expect(guild.incidents_data?.invites_disabled_until ?? null).toBeNull();
		await h.waitFor(
			async () => !JSON.stringify((await gateMessage(h)).components).includes('type the code'),
			'the button mode back',
		);
		expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
	}, 60_000);
});

describeOnBackends('/verify for moderators', (backend) => {
	let h: TestFoyer;
	beforeAll(async () => {
		h = await startGate({ backend });
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('locks down and lifts with /verify lockdown on|off, and says when there is nothing to do', async () => {
		expect((await h.command(h.demo.adminId, 'verify lockdown on')).content).toBe(
			'Lockdown engaged. Lift it with /verify lockdown off.',
		);
		expect((await h.command(h.demo.adminId, 'verify lockdown on')).content).toBe('The server is already locked down.');
		await h.waitFor(async () => JSON.stringify((await gateMessage(h)).components).includes('type the code'), 'captcha');
		expect((await h.command(h.demo.adminId, 'verify status')).content).toMatch(/Locked down since <t:\d+:R>/);
		expect((await h.command(h.demo.adminId, 'verify lockdown off')).content).toBe('Lockdown lifted.');
		expect((await h.command(h.demo.adminId, 'verify lockdown off')).content).toBe('The server is not locked down.');
		await h.waitFor(async () => !JSON.stringify((await gateMessage(h)).components).includes('type the code'), 'button');
	});

	it('refuses the lockdown to a member who may verify members but not manage the server', async () => {
		const role = await h.control.call('POST', `/guilds/${h.guildId}/roles`, {
			name: 'Helper',
			permissions: String(1n << 28n),
		});
		await h.control.setMemberRoles(h.guildId, h.demo.memberId, [h.role('Member'), role.id]);
		const reply = await h.command(h.demo.memberId, 'verify lockdown on');
		expect(reply.content).toBe('You need the Manage Server permission to lock the server down.');
		const user = await h.join('helped');
		expect((await h.command(h.demo.memberId, 'verify member', { user })).content).toBe(
			`helped (<@${user}>) is verified.`,
		);
	});

	it('reports the setup, the waiting members and the figures with /verify status', async () => {
		await h.join('waits');
		const status = (await h.command(h.demo.adminId, 'verify status')).content;
		expect(status).toContain(`The gate is on: button mode in <#${h.channel('verification')}>.`);
		expect(status).toMatch(/Waiting now: \d+\. Verified: 1/);
		expect(status).toContain('No lockdown.');
	});
});
