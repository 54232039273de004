import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EmulatorControl } from '../src/emulator/control-client.ts';
import { Emulator } from '../src/emulator/emulator.ts';
import type { Foyer } from '../src/foyer.ts';
import { type Backend, describeOnBackends } from '../src/testing/backends.ts';
import { startFoyerOnBackend } from '../src/testing/foyer-on-backend.ts';
import { captureLogs } from './helpers/capture-logs.ts';
import { waitUntil } from './helpers/wait.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Foyer stopped and started again on the same database: the members who joined or left meanwhile
 * are handled once, from the resumed gateway session while it is resumable, else from the member list.
 */
describeOnBackends('members who join or leave while Foyer is down', (backend: Backend) => {
	let emulator: Emulator;
	let control: EmulatorControl;
	let foyer: Foyer | null = null;
	const logs = captureLogs();
	let guildId: string;
	let welcome: string;
	let goodbye: string;
	let memberRole: string;

	const bot = () => emulator.defaultApp.botUserId;
	const start = async () => {
		foyer = (await startFoyerOnBackend({ emulator, backend, pluginRoots: [resolve('plugins')], logger: logs.logger }))
			.foyer;
		return foyer;
	};
	const stop = async () => {
		await foyer?.stop();
		foyer = null;
	};
	const mentions = (channelId: string, userId: string) =>
		[...emulator.world.channel(channelId).messages.values()].filter(
			(m) => m.authorId === bot() && m.content.includes(`<@${userId}>`),
		).length;
	const named = (channelId: string, name: string) =>
		[...emulator.world.channel(channelId).messages.values()].filter(
			(m) => m.authorId === bot() && m.content.includes(name),
		).length;
	const hasRole = (userId: string) => emulator.world.guild(guildId).members.get(userId)?.roles.includes(memberRole);
	const dms = async (userId: string) => (await control.dms(userId)).length;
	const join = async (username: string) => (await control.join(guildId, { user: { username } })).user.id as string;

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true });
		control = new EmulatorControl(emulator.url);
		const demo = emulator.demo as NonNullable<Emulator['demo']>;
		guildId = demo.guild.id;
		welcome = demo.channels.welcome as string;
		goodbye = demo.channels.goodbye as string;
		memberRole = demo.roles.Member as string;
		const first = await start();
		await first.plugins.updateSettings('join', guildId, { channel: welcome });
		await first.plugins.updateSettings('leave', guildId, { channel: goodbye });
		const added = await control.command({
			channel_id: demo.channels.general as string,
			user_id: demo.admin.id,
			command: 'autoroles add',
			options: { role: memberRole },
		});
		expect(added.reply.content).toMatch(/^Added auto role/);
	});
	// A graceful stop on PostgreSQL + BullMQ under a full suite's load once took longer than the 30 s default.
	afterAll(async () => {
		await stop();
		await emulator?.close();
		await backend.cleanup();
	}, 90_000);

	it('replays the joins and leaves of a short downtime from the resumed session: each welcomed, DMed and given roles once', async () => {
		const before = await join('resume-before');
		await waitUntil(async () => mentions(welcome, before) === 1 && (await dms(before)) === 1 && !!hasRole(before));
		await stop();
		const during = [await join('resume-during-1'), await join('resume-during-2'), await join('resume-during-3')];
		await control.leave(guildId, before);
		const restarted = await start();
		expect(restarted.continuity.report).toMatchObject({ resumed: true, replayed: 4 });
		for (const id of during)
			await waitUntil(async () => mentions(welcome, id) === 1 && (await dms(id)) === 1 && !!hasRole(id));
		await waitUntil(() => named(goodbye, 'resume-before') === 1);
		await sleep(500);
		for (const id of during) expect([mentions(welcome, id), await dms(id)]).toEqual([1, 1]);
		expect(mentions(welcome, before)).toBe(1);
		expect(await dms(before)).toBe(1);
		expect(logs.errors()).toEqual([]);
	});

	it('skips replayed events it had handled before the crash, though the stored sequence was behind them', async () => {
		const handled = await join('replayed-handled');
		await waitUntil(async () => mentions(welcome, handled) === 1 && (await dms(handled)) === 1);
		await stop();
		// As after a crash between handling and saving the sequence: resume from further back, here
		// from the session's first event, so the handled join is replayed too.
		const db = await backend.db();
		await db.em().getConnection().execute('update foyer_gateway_sessions set sequence = 0');
		const fresh = await join('replayed-fresh');
		const restarted = await start();
		// Only the fresh join reaches the plugins.
		expect(restarted.continuity.report).toMatchObject({ resumed: true, replayed: 1 });
		await waitUntil(async () => mentions(welcome, fresh) === 1 && (await dms(fresh)) === 1);
		await sleep(500);
		expect([mentions(welcome, handled), await dms(handled)]).toEqual([1, 1]);
	});

	it('catches up from the member list after a downtime past the resume window: auto roles given, no late welcome by default', async () => {
		const stays = await join('catchup-stays');
		await waitUntil(() => !!hasRole(stays));
		await stop();
		// The stored session expired while Foyer was down.
		emulator.gateway.invalidate();
		const joined = [await join('catchup-joined-1'), await join('catchup-joined-2')];
		await control.leave(guildId, stays);
		const restarted = await start();
		expect(restarted.continuity.report).toMatchObject({ resumed: false, catchUp: { joined: 2, left: 1 } });
		for (const id of joined) await waitUntil(() => !!hasRole(id));
		await sleep(500);
		for (const id of joined) expect([mentions(welcome, id), await dms(id)]).toEqual([0, 0]);
		expect(logs.lines().some((l) => /Could not resume the previous gateway session/.test(l.msg))).toBe(true);
	});

	it('welcomes members who joined while Foyer was offline once, when the join plugin is told to', async () => {
		await foyer?.plugins.updateSettings('join', guildId, { welcomeOffline: true });
		await stop();
		emulator.gateway.invalidate();
		const late = await join('catchup-late-welcome');
		const restarted = await start();
		expect(restarted.continuity.report.catchUp).toMatchObject({ joined: 1 });
		await waitUntil(() => mentions(welcome, late) === 1 && !!hasRole(late));
		// A second restart within the window finds nothing new to catch up or replay for them.
		await stop();
		const again = await start();
		expect(again.continuity.report.resumed).toBe(true);
		await sleep(500);
		expect(mentions(welcome, late)).toBe(1);
	});
});
