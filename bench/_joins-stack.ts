import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { Database } from '../src/core/database/database.ts';
import { MemoryPluginStateStore } from '../src/core/plugins/plugin-state.ts';
import { EmbeddedScheduler } from '../src/core/scheduling/embedded-scheduler.ts';
import { MemoryJobStore } from '../src/core/scheduling/job-store.ts';
import { EmulatorControl } from '../src/emulator/control-client.ts';
import { Emulator } from '../src/emulator/emulator.ts';
import { Foyer } from '../src/foyer.ts';
import type { Backend } from '../src/testing/backends.ts';

const PLUGINS = (process.env.BENCH_PLUGINS ?? 'join,leave,join-dm,autoroles').split(',');

/**
 * The emulator (rate limits off while setting up) and a Foyer with the four welcome plugins on a
 * real SQLite file: welcomes in #welcome, goodbyes in #goodbye, the DM, and the demo guild's Member
 * role as an immediate auto role (configured through /autoroles, as an admin would).
 */
export async function startFoyerStack(backend?: Backend) {
	const emulator = await Emulator.start({ demo: true });
	const control = new EmulatorControl(emulator.url);
	const demo = emulator.demo;
	if (!demo) throw new Error('demo guild missing');
	const root = resolve('test-artifacts', `bench-joins-${process.pid}-${Date.now()}`);
	mkdirSync(root, { recursive: true });
	const present = PLUGINS.filter((p) => existsSync(resolve('plugins', p, 'plugin.ts')));
	for (const p of present) cpSync(resolve('plugins', p), join(root, p), { recursive: true });
	const dbDir = mkdtempSync(join(tmpdir(), 'foyer-bench-'));
	// A backend (bench:crash) brings its database and scheduler; else a SQLite file, jobs in memory.
	const db = backend ? await backend.db() : await Database.open({ sqlitePath: join(dbDir, 'foyer.db') });
	const logger = pino({ level: 'warn' }, pino.destination(2));
	const foyer = await Foyer.start({
		token: emulator.token,
		restApi: emulator.apiUrl,
		pluginRoots: [root],
		logger,
		state: new MemoryPluginStateStore(),
		db,
		scheduler: backend ? backend.scheduler(logger) : new EmbeddedScheduler(new MemoryJobStore(), logger),
	});
	const guildId = demo.guild.id;
	const welcome = demo.channels.welcome as string;
	await foyer.plugins.updateSettings('join', guildId, { channel: welcome });
	await foyer.plugins.updateSettings('leave', guildId, { channel: demo.channels.goodbye });
	let roleId: string | null = null;
	if (foyer.plugins.isLoaded('autoroles')) {
		roleId = demo.roles.Member as string;
		await control.command({
			channel_id: demo.channels.general as string,
			user_id: demo.owner.id,
			command: 'autoroles add',
			options: { role: roleId },
		});
	} else console.error('plugins/autoroles is not loadable yet: measuring without auto roles');
	return {
		emulator,
		control,
		foyer,
		guildId,
		welcome,
		roleId,
		plugins: foyer.plugins.list().flatMap((p) => (p.id ? [p.id] : [])),
		async stop() {
			await foyer.stop();
			if (backend) await backend.cleanup();
			else await db.close();
			await emulator.close();
			rmSync(root, { recursive: true, force: true });
			rmSync(dbDir, { recursive: true, force: true });
		},
	};
}
