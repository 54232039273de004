import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { type Logger, pino } from 'pino';
import type { Database } from '../core/database/database.ts';
import { DbPluginStateStore } from '../core/plugins/db-plugin-state.ts';
import { MemoryPluginStateStore } from '../core/plugins/plugin-state.ts';
import { EmbeddedScheduler } from '../core/scheduling/embedded-scheduler.ts';
import type { Scheduler } from '../core/scheduling/job.ts';
import { MemoryJobStore } from '../core/scheduling/job-store.ts';
import { EmulatorControl } from '../emulator/control-client.ts';
import { Emulator } from '../emulator/emulator.ts';
import { Foyer } from '../foyer.ts';

export interface LogLine {
	level: number;
	msg: string;
	plugin?: string;
	[key: string]: unknown;
}

export interface HarnessOptions {
	/** Folder the plugin folders are copied from (default: test/fixtures/plugins). */
	from?: string;
	scheduler?: (logger: Logger) => Scheduler;
	/** A database for plugins' entities (none by default). */
	db?: Database;
	/** Bot owners of the dashboard (default: the demo server's owner). */
	owners?: string[];
	/** Rate-limit mode of the emulator (default off). */
	rateLimits?: 'off' | 'realistic' | 'strict';
	/** Prometheus metrics at /metrics (off by default, as in production). */
	metrics?: boolean;
}

/**
 * For Foyer's tests and for plugin authors: a Discord emulator, a Foyer logged into it, and a private
 * copy of the given plugin folders (created inside the working directory, under test-artifacts/, so
 * plugins resolve `foyer` the way installed plugins do). Logs are captured as JSON lines in `logs`.
 * `stop()` closes everything and leaves no open handles.
 */
export async function startFoyerWithEmulator(plugins: string[], options: HarnessOptions = {}) {
	const emulator = await Emulator.start({
		demo: true,
		...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
	});
	const control = new EmulatorControl(emulator.url);
	const root = resolve('test-artifacts', `plugins-${process.pid}-${Date.now()}`);
	mkdirSync(root, { recursive: true });
	for (const p of plugins)
		cpSync(resolve(options.from ?? 'test/fixtures/plugins', p), join(root, p), { recursive: true });
	const logs: LogLine[] = [];
	const stream = new Writable({
		write(chunk, _enc, done) {
			for (const line of String(chunk).split('\n')) if (line) logs.push(JSON.parse(line) as LogLine);
			done();
		},
	});
	const logger = pino({ level: 'debug' }, stream);
	// With a database, plugin state lives there as in production (and is exercised on its dialect).
	const state = options.db ? await DbPluginStateStore.load(options.db) : new MemoryPluginStateStore();
	const foyer = await Foyer.start({
		token: emulator.token,
		restApi: emulator.apiUrl,
		pluginRoots: [root],
		logger,
		state,
		...(options.db ? { db: options.db } : {}),
		...(options.metrics ? { metrics: true } : {}),
		// The dashboard logs in through the emulator's OAuth2, as in sandbox mode.
		dashboard: {
			oauth: { clientSecret: emulator.defaultApp.clientSecret, webUrl: emulator.url, apiUrl: emulator.apiUrl },
			owners: options.owners ?? (emulator.demo ? [emulator.demo.owner.id] : []),
			sandbox: { emulatorUrl: emulator.url },
		},
		scheduler:
			options.scheduler?.(logger) ??
			new EmbeddedScheduler(new MemoryJobStore(), logger, { pollMs: 200, retryDelayMs: () => 100 }),
	});
	const demo = emulator.demo;
	if (!demo) throw new Error('demo guild missing');
	return {
		emulator,
		control,
		foyer,
		logs,
		logger,
		root,
		guildId: demo.guild.id,
		generalId: demo.channels.general as string,
		async stop() {
			await foyer.stop();
			await emulator.close();
			rmSync(root, { recursive: true, force: true });
		},
	};
}
