import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EmulatorControl } from '../src/emulator/control-client.ts';
import { Emulator } from '../src/emulator/emulator.ts';
import type { Foyer } from '../src/foyer.ts';
import { type Backend, describeOnBackends } from '../src/testing/backends.ts';
import { startFoyerOnBackend } from '../src/testing/foyer-on-backend.ts';
import { captureLogs } from './helpers/capture-logs.ts';
import { waitUntil } from './helpers/wait.ts';
import { welcomeTally } from './helpers/welcome-tally.ts';

const RAID = 40;

/**
 * Work decided and not yet done (welcomes waiting in the coalescer, DMs and role calls waiting for
 * their rate-limit bucket) is in the outbox: Foyer stopped without a grace period carries it out at
 * its next start, each effect once.
 */
describeOnBackends('effects left undone when Foyer stops', (backend: Backend) => {
	let emulator: Emulator;
	let control: EmulatorControl;
	let foyer: Foyer | null = null;
	const logs = captureLogs();
	let guildId: string;
	let welcome: string;
	let memberRole: string;

	const start = async () => {
		foyer = (await startFoyerOnBackend({ emulator, backend, pluginRoots: [resolve('plugins')], logger: logs.logger }))
			.foyer;
		return foyer;
	};

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true });
		control = new EmulatorControl(emulator.url);
		const demo = emulator.demo as NonNullable<Emulator['demo']>;
		guildId = demo.guild.id;
		welcome = demo.channels.welcome as string;
		memberRole = demo.roles.Member as string;
		const first = await start();
		await first.plugins.updateSettings('join', guildId, { channel: welcome });
		await first.plugins.setEnabled('leave', guildId, false);
		await control.command({
			channel_id: demo.channels.general as string,
			user_id: demo.admin.id,
			command: 'autoroles add',
			options: { role: memberRole },
		});
	});
	afterAll(async () => {
		await foyer?.stop();
		await emulator?.close();
		await backend.cleanup();
	});

	it(`carries out at the next start, once each, the welcomes, DMs and roles of ${RAID} joins it had not finished`, async () => {
		const running = foyer as Foyer;
		await control.setRateLimits({ mode: 'realistic' });
		const users = Array.from({ length: RAID }, (_, i) => emulator.world.createUser({ username: `undone${i}` }).id);
		for (const id of users) emulator.world.join(guildId, id);
		await waitUntil(() => running.continuity.ledger.stats.delivered >= RAID, 10_000);
		await running.stop({ graceMs: 0 });
		foyer = null;
		const db = await backend.db();
		const [{ n } = { n: 0 }] = (await db
			.em()
			.getConnection()
			.execute("select count(*) as n from foyer_effects where status = 'pending'")) as { n: number }[];
		expect(Number(n)).toBeGreaterThan(0);

		// Listeners of the stopped Foyer cut off mid-way fail against the closed plugins: not this Foyer's errors.
		await new Promise((r) => setTimeout(r, 1_000));
		const since = logs.lines().length;
		const restarted = await start();
		expect(restarted.continuity.report.effects).toBe(Number(n));
		const tally = () => welcomeTally(emulator, welcome, users);
		const hasRole = (id: string) => emulator.world.guild(guildId).members.get(id)?.roles.includes(memberRole);
		const dms = async () => Promise.all(users.map(async (id) => (await control.dms(id)).length));
		await waitUntil(
			async () => tally().accounted === RAID && users.every(hasRole) && (await dms()).every((d) => d === 1),
			60_000,
		);
		await new Promise((r) => setTimeout(r, 6_000));
		expect(tally()).toMatchObject({ accounted: RAID, namedTwice: [] });
		expect((await dms()).every((d) => d === 1)).toBe(true);
		expect(logs.errors().filter((l) => logs.lines().indexOf(l) >= since)).toEqual([]);
		const left = (await (
			await backend.db()
		)
			.em()
			.getConnection()
			.execute("select count(*) as n from foyer_effects where status = 'pending'")) as { n: number }[];
		expect(Number(left[0]?.n)).toBe(0);
	}, 120_000);
});
