import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Backend, describeOnBackends } from '../src/testing/backends.ts';
import { startFoyerWithEmulator } from '../src/testing/foyer-harness.ts';
import { waitUntil } from './helpers/wait.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Discord may send GUILD_MEMBER_ADD again for a member already there: the core delivers each join once. */
describeOnBackends('a join delivered to the plugins once', (backend: Backend) => {
	let h: Awaited<ReturnType<typeof startFoyerWithEmulator>>;
	let welcome: string;
	let member: string;
	let verified: string;

	const bot = () => h.emulator.defaultApp.botUserId;
	const welcomesOf = (userId: string) =>
		[...h.emulator.world.channel(welcome).messages.values()].filter(
			(m) => m.authorId === bot() && m.content.includes(`<@${userId}>`),
		);
	const roleCalls = (userId: string, since: number) =>
		h.emulator.requests.since(since).filter((r) => r.method !== 'GET' && r.path.includes(`/members/${userId}`));

	beforeAll(async () => {
		h = await startFoyerWithEmulator(['join', 'join-dm', 'autoroles'], {
			from: 'plugins',
			...(await backend.harnessOptions()),
		});
		const demo = h.emulator.demo as NonNullable<typeof h.emulator.demo>;
		welcome = demo.channels.welcome as string;
		member = demo.roles.Member as string;
		verified = demo.roles.Verified as string;
		await h.foyer.plugins.updateSettings('join', h.guildId, { channel: welcome });
		for (const options of [{ role: member }, { role: verified, delay: 0.03 }] as Record<string, string | number>[]) {
			const added = await h.control.command({
				channel_id: h.generalId,
				user_id: demo.admin.id,
				command: 'autoroles add',
				options,
			});
			expect(added.reply.content).toMatch(/^Added auto role/);
		}
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('sends one welcome, one DM and one role call when GUILD_MEMBER_ADD comes 20 more times for the same join', async () => {
		const since = h.emulator.requests.lastId;
		const user = (await h.control.join(h.guildId, { user: { username: 'storm-1' } })).user.id;
		for (let i = 0; i < 20; i++) await h.control.join(h.guildId, { user_id: user, duplicate: true });
		await waitUntil(async () => welcomesOf(user).length === 1 && (await h.control.dms(user)).length === 1);
		await waitUntil(() => h.emulator.world.member(h.guildId, user).roles.includes(verified), 8000);
		await sleep(500);
		expect(welcomesOf(user)).toHaveLength(1);
		expect(await h.control.dms(user)).toHaveLength(1);
		expect(roleCalls(user, since).map((r) => `${r.method} ${r.path.split('/').at(-1)}`)).toEqual([
			`PUT ${member}`,
			`PUT ${verified}`,
		]);
		// discord.js counted each repeated join as a new member; the core puts the count back.
		const guild = h.foyer.client.guilds.cache.get(h.guildId);
		expect(guild?.memberCount).toBe(h.emulator.world.guild(h.guildId).members.size);
		expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
	});

	it('welcomes a member again who left and came back (a new join), and only once for that join', async () => {
		const user = (await h.control.join(h.guildId, { user: { username: 'storm-2' } })).user.id;
		await waitUntil(() => welcomesOf(user).length === 1);
		await h.control.leave(h.guildId, user);
		await sleep(20);
		await h.control.join(h.guildId, { user_id: user });
		await Promise.all([1, 2, 3].map(() => h.control.join(h.guildId, { user_id: user, duplicate: true })));
		await waitUntil(() => welcomesOf(user).length === 2);
		await sleep(500);
		expect(welcomesOf(user)).toHaveLength(2);
		expect(await h.control.dms(user)).toHaveLength(2);
	});
});
