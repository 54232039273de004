import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { Database } from '../src/core/database/database.ts';
import { MemoryPluginStateStore } from '../src/core/plugins/plugin-state.ts';
import { DbJobStore } from '../src/core/scheduling/db-job-store.ts';
import { EmbeddedScheduler } from '../src/core/scheduling/embedded-scheduler.ts';
import { EmulatorControl } from '../src/emulator/control-client.ts';
import { Emulator } from '../src/emulator/emulator.ts';
import { Foyer } from '../src/foyer.ts';

/**
 * The emulator (rate limits off while setting up) and a Foyer with the verification plugin on a
 * SQLite file, jobs in it: the gate on in the demo server in button mode, #verification, the
 * Verified and Unverified roles, the welcome after verification; the raid lockdown off, so that the
 * whole run stays in button mode. Resolves once the verification message is up.
 */
export async function startVerificationStack() {
	const emulator = await Emulator.start({ demo: true });
	const control = new EmulatorControl(emulator.url);
	const demo = emulator.demo;
	if (!demo) throw new Error('demo guild missing');
	const dbDir = mkdtempSync(join(tmpdir(), 'foyer-bench-verification-'));
	const db = await Database.open({ sqlitePath: join(dbDir, 'foyer.db') });
	const logger = pino({ level: 'warn' }, pino.destination(2));
	const foyer = await Foyer.start({
		token: emulator.token,
		restApi: emulator.apiUrl,
		pluginRoots: [],
		extraPlugins: [resolve('plugins/verification')],
		logger,
		state: new MemoryPluginStateStore(),
		db,
		scheduler: new EmbeddedScheduler(new DbJobStore(db), logger),
	});
	const guildId = demo.guild.id;
	const channelId = demo.channels.verification as string;
	const verified = demo.roles.Verified as string;
	const unverified = demo.roles.Unverified as string;
	await foyer.plugins.setEnabled('verification', guildId, true);
	const saved = await foyer.plugins.updateSettings('verification', guildId, {
		channel: channelId,
		verifiedRole: verified,
		unverifiedRole: unverified,
		lockdownJoins: 0,
	});
	if (!saved.ok) throw new Error(`settings refused: ${JSON.stringify(saved.errors)}`);
	const bot = emulator.defaultApp.botUserId;
	const deadline = Date.now() + 10_000;
	let gateMessageId: string | undefined;
	while (!gateMessageId) {
		gateMessageId = [...emulator.world.channel(channelId).messages.values()].find((m) => m.authorId === bot)?.id;
		if (Date.now() > deadline) throw new Error('no verification message');
		await new Promise((r) => setTimeout(r, 20));
	}
	return {
		emulator,
		control,
		foyer,
		guildId,
		channelId,
		gateMessageId,
		verified,
		unverified,
		async stop() {
			await foyer.stop();
			await db.close();
			await emulator.close();
			rmSync(dbDir, { recursive: true, force: true });
		},
	};
}
