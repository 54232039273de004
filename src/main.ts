import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './core/config/load-config.ts';
import { Database } from './core/database/database.ts';
import { createLogger } from './core/logger.ts';
import { DbPluginStateStore } from './core/plugins/db-plugin-state.ts';
import { PluginWatcher } from './core/plugins/plugin-watcher.ts';
import { BullMqScheduler } from './core/scheduling/bullmq-scheduler.ts';
import { DbJobStore } from './core/scheduling/db-job-store.ts';
import { EmbeddedScheduler } from './core/scheduling/embedded-scheduler.ts';
import { Emulator } from './emulator/emulator.ts';
import { Foyer } from './foyer.ts';
import { applySandboxDefaults } from './sandbox/sandbox-defaults.ts';

/**
 * Foyer's entry point. With DISCORD_TOKEN it logs into Discord; without it, it starts the built-in
 * Discord emulator with a demo server (sandbox mode) and logs into that.
 */
let config: ReturnType<typeof loadConfig>;
try {
	config = loadConfig();
} catch (error) {
	if (error instanceof ConfigError) {
		console.error(error.message);
		process.exit(2);
	}
	throw error;
}

const logger = createLogger({ level: config.LOG_LEVEL, ...(config.LOG_FORMAT ? { format: config.LOG_FORMAT } : {}) });
let emulator: Emulator | null = null;
let token = config.DISCORD_TOKEN;
let restApi = config.DISCORD_API_URL;
if (!token) {
	emulator = await Emulator.start({ port: config.EMULATOR_PORT, rateLimits: 'realistic', demo: true });
	token = emulator.token;
	restApi = emulator.apiUrl;
}

// SQLite in the data folder unless DATABASE_URL names a PostgreSQL server.
const db = await Database.open({
	...(config.DATABASE_URL ? { url: config.DATABASE_URL } : {}),
	...(config.DATABASE_SCHEMA ? { schema: config.DATABASE_SCHEMA } : {}),
	sqlitePath: resolve(config.FOYER_DATA_DIR, 'foyer.db'),
});

// The dashboard logs in through Discord's OAuth2, or the emulator's in sandbox mode.
const clientSecret = emulator ? emulator.defaultApp.clientSecret : config.DISCORD_CLIENT_SECRET;
const dashboard = clientSecret
	? {
			publicUrl: emulator ? `http://localhost:${config.DASHBOARD_PORT}` : config.DASHBOARD_URL,
			oauth: {
				...(config.DISCORD_CLIENT_ID ? { clientId: config.DISCORD_CLIENT_ID } : {}),
				clientSecret,
				webUrl: emulator ? emulator.url : config.DISCORD_OAUTH_URL,
				apiUrl: restApi ?? 'https://discord.com/api',
			},
			...(config.DASHBOARD_SECRET ? { secret: config.DASHBOARD_SECRET } : {}),
			owners: config.BOT_OWNERS ?? (emulator?.demo ? [emulator.demo.owner.id] : []),
			sandbox: emulator ? { emulatorUrl: emulator.url } : null,
		}
	: undefined;
if (!dashboard)
	logger.warn("Dashboard disabled: set DISCORD_CLIENT_SECRET (the application's OAuth2 secret) to enable it");

const foyer = await Foyer.start({
	token,
	...(restApi ? { restApi } : {}),
	pluginRoots: [resolve('plugins')],
	...(config.FOYER_PLUGINS ? { extraPlugins: config.FOYER_PLUGINS } : {}),
	logger,
	db,
	state: await DbPluginStateStore.load(db),
	http: {
		port: config.DASHBOARD_PORT,
		host: config.DASHBOARD_HOST,
		origin: new URL(dashboard?.publicUrl ?? config.DASHBOARD_URL).origin,
	},
	...(dashboard ? { dashboard } : {}),
	metrics: config.METRICS_ENABLED,
	scheduler: config.REDIS_URL
		? new BullMqScheduler(config.REDIS_URL, logger, config.REDIS_QUEUE)
		: new EmbeddedScheduler(new DbJobStore(db), logger),
});

// Sandbox defaults: #welcome, #goodbye, the join DM and one auto role (src/sandbox/sandbox-defaults.ts).
if (emulator) await applySandboxDefaults(foyer, emulator);

const plugins = foyer.plugins.list();
logger.info(
	{
		loaded: plugins.filter((p) => p.status === 'loaded').map((p) => p.id),
		failed: plugins.filter((p) => p.status === 'failed').map((p) => p.dir),
		http: foyer.httpUrl,
		recovered: foyer.continuity.report,
	},
	'Foyer is running',
);
if (emulator?.demo) {
	const demo = emulator.demo;
	console.log(`
Foyer sandbox (no DISCORD_TOKEN): logged into the built-in Discord emulator.
  demo server:  ${demo.guild.name} (${demo.guild.id}), owner ${demo.owner.username} (${demo.owner.id})
  dashboard:    ${foyer.httpUrl}/   log in with "Log in with Discord", then pick ${demo.owner.username} on the emulator's page
  control API:  ${emulator.url}/_emulator   (docs/emulator.md)
  simulate a join:
    curl -X POST ${emulator.url}/_emulator/guilds/${demo.guild.id}/joins -H 'content-type: application/json' -d '{"user":{"username":"newcomer"}}'
`);
}

// `npm run dev`: reload a plugin when its files change.
const watcher = process.argv.includes('--dev') ? new PluginWatcher(foyer.plugins, logger) : null;
watcher?.watch([resolve('plugins')]);

// SIGTERM (or Ctrl-C): stop taking events, give work under way SHUTDOWN_GRACE_S to finish (what does
// not stays recorded for the next start), save the gateway session and counters, exit. A second
// signal, or the bound passing, exits at once.
let stopping = false;
const stop = async (signal: string) => {
	if (stopping) {
		logger.warn({ signal }, 'Second signal: exiting now; unfinished work stays recorded for the next start');
		process.exit(1);
	}
	stopping = true;
	const graceMs = config.SHUTDOWN_GRACE_S * 1000;
	logger.info({ signal, graceMs }, 'Stopping: no new events; finishing the work under way');
	setTimeout(() => {
		logger.error('Did not stop in time: exiting; unfinished work stays recorded for the next start');
		process.exit(1);
	}, graceMs + 15_000).unref();
	watcher?.close();
	await foyer.stop({ graceMs });
	await db.close();
	await emulator?.close();
	logger.info('Stopped');
	process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
