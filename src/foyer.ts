import './core/container.ts';
import './dashboard/container.ts';
import '@sapphire/plugin-api/register';
import { container, LogLevel } from '@sapphire/framework';
import { ScheduledTaskStore } from '@sapphire/plugin-scheduled-tasks';
import { type ClientOptions, GatewayIntentBits, Partials } from 'discord.js';
import type { Logger } from 'pino';
import { FoyerClient } from './core/client.ts';
import { type Clock, systemClock } from './core/clock.ts';
import { Continuity } from './core/continuity/continuity.ts';
import { PluginCounters } from './core/counters/plugin-counters.ts';
import type { Database } from './core/database/database.ts';
import { DatabaseWaits } from './core/database/wait-for-database.ts';
import { Completions } from './core/effects/completions.ts';
import { SapphirePinoLogger } from './core/logger.ts';
import { MemberActivity } from './core/member-activity/member-activity.ts';
import { recordMemberActivity } from './core/member-activity/record-member-activity.ts';
import { MessageCoalescer } from './core/messaging/message-coalescer.ts';
import { FoyerMetrics } from './core/ops/foyer-metrics.ts';
import { opsState } from './core/ops/ops-state.ts';
import { registerOpsPieces } from './core/ops/register-ops.ts';
import { CoreCommandDeniedListener } from './core/pieces/command-denied.ts';
import { CoreCommandErrorListener } from './core/pieces/command-error.ts';
import { CoreInteractionErrorListener, CoreInteractionParseErrorListener } from './core/pieces/interaction-error.ts';
import { CoreListenerErrorListener } from './core/pieces/listener-error.ts';
import { PluginEnabledPrecondition } from './core/pieces/plugin-enabled.ts';
import { CoreRouteErrorListener } from './core/pieces/route-error.ts';
import { CommandSync } from './core/plugins/command-sync.ts';
import { carryOverManualPieces } from './core/plugins/manual-pieces.ts';
import { PluginManager } from './core/plugins/plugin-manager.ts';
import type { PluginStateStore } from './core/plugins/plugin-state.ts';
import { fixRouterMounting } from './core/plugins/route-mount-fix.ts';
import type { Scheduler } from './core/scheduling/job.ts';
import { TemplateEngine } from './core/templates/template-engine.ts';
import { Dashboard } from './dashboard/dashboard.ts';
import type { DashboardOptions } from './dashboard/options.ts';
import { registerDashboardPieces } from './dashboard/register.ts';

export interface FoyerOptions {
	token: string;
	/** REST base (`rest.api`), e.g. the emulator's `apiUrl`; Discord's when omitted. */
	restApi?: string;
	pluginRoots: string[];
	extraPlugins?: string[];
	logger: Logger;
	state: PluginStateStore;
	db?: Database;
	scheduler: Scheduler;
	/** HTTP server of @sapphire/plugin-api (dashboard and plugin routes); port 0 picks a free one. */
	http?: { port: number; host?: string; origin?: string };
	/** The admin dashboard (OAuth2 login, pages); without it, only public routes answer. */
	dashboard?: DashboardOptions;
	/** Prometheus metrics at GET /metrics (off by default). /health and /ready always answer. */
	metrics?: boolean;
	/** The time as plugins see it (default: the wall clock; tests move theirs). */
	clock?: Clock;
}

export const FOYER_INTENTS = [
	GatewayIntentBits.Guilds,
	GatewayIntentBits.GuildMembers,
	GatewayIntentBits.GuildModeration,
	GatewayIntentBits.GuildInvites,
	GatewayIntentBits.GuildMessages,
	GatewayIntentBits.GuildMessageReactions,
	GatewayIntentBits.DirectMessages,
];

let coreRegistered = false;

/** The core's own pieces, registered once per process (Sapphire's stores are process-wide). */
function registerCorePieces(): void {
	if (coreRegistered) return;
	coreRegistered = true;
	const listeners = {
		'listener-error': CoreListenerErrorListener,
		'route-error': CoreRouteErrorListener,
		'command-error': CoreCommandErrorListener,
		'interaction-error': CoreInteractionErrorListener,
		'interaction-parse-error': CoreInteractionParseErrorListener,
		'command-denied': CoreCommandDeniedListener,
	};
	for (const [name, piece] of Object.entries(listeners))
		void container.stores.loadPiece({ store: 'listeners', name: `foyer:core/${name}`, piece });
	void container.stores.loadPiece({
		store: 'preconditions',
		name: 'foyer:core/plugin-enabled',
		piece: PluginEnabledPrecondition,
	});
}

/**
 * One running Foyer: the Sapphire client logged in, the plugins loaded and their commands pushed.
 */
export class Foyer {
	private constructor(
		readonly client: FoyerClient,
		readonly plugins: PluginManager,
		readonly scheduler: Scheduler,
		readonly continuity: Continuity,
		private readonly state: { ready: boolean },
	) {}

	static async start(options: FoyerOptions): Promise<Foyer> {
		fixRouterMounting();
		registerCorePieces();
		registerDashboardPieces();
		registerOpsPieces();
		opsState.stopping = false;
		const state = { ready: false };
		const client = new FoyerClient({
			intents: FOYER_INTENTS,
			partials: [Partials.GuildMember, Partials.User, Partials.Message, Partials.Reaction, Partials.Channel],
			// Plugins are loaded by the plugin manager, never by scanning the main directory.
			baseUserDirectory: null,
			loadDefaultErrorListeners: false,
			logger: {
				instance: new SapphirePinoLogger(options.logger.child({ component: 'sapphire' })),
				level: LogLevel.Info,
			},
			allowedMentions: { parse: [] },
			rest: options.restApi ? { api: options.restApi } : {},
			api: {
				prefix: '/',
				listenOptions: { port: options.http?.port ?? 0, host: options.http?.host ?? '127.0.0.1' },
				// plugin-api defaults CORS to `*` with credentials; only the dashboard's own origin may call it.
				origin: options.http?.origin ?? 'http://localhost',
			},
			// Read by @sapphire/plugin-scheduled-tasks' BullMQ handler; the scheduler passes its own.
			tasks: {} as ClientOptions['tasks'],
		});
		const commands = new CommandSync();
		const plugins = new PluginManager({
			roots: options.pluginRoots,
			...(options.extraPlugins ? { extra: options.extraPlugins } : {}),
			source: client,
			logger: options.logger,
			state: options.state,
			...(options.db ? { db: options.db } : {}),
			commands,
			isReady: () => state.ready,
		});
		container.plugins = plugins;
		await plugins.loadCoreCatalog();
		container.log = options.logger;
		container.clock = options.clock ?? systemClock;
		container.scheduler = options.scheduler;
		container.templates = new TemplateEngine();
		container.memberMessages = new MessageCoalescer(container.templates, options.logger, {
			guildOf: (id) => client.guilds.cache.get(id),
			beforeCombined: (keys, nonce) => container.effects.noteGroup(keys, nonce),
		});
		// Counters go out with the effect completions they follow (one transaction: see completions.ts).
		const completions = options.db
			? new Completions(options.db, options.logger.child({ component: 'continuity' }))
			: null;
		container.counters = await PluginCounters.create(options.db, options.logger, completions);
		const clock = container.clock;
		container.memberActivity = await MemberActivity.create(options.db, options.logger, { now: () => clock.now() });
		recordMemberActivity(client, container.memberActivity);
		if (options.db) container.db = options.db;
		if (!client.stores.has('scheduled-tasks')) client.stores.register(new ScheduledTaskStore());
		carryOverManualPieces(client.stores);
		// Repeating tasks follow their plugin: created on load, updated on reload, removed on unload.
		let schedulerStarted = false;
		const syncTasks = (id: string) => {
			if (!schedulerStarted) return;
			void options.scheduler
				.syncRepeating(id)
				.catch((error) => options.logger.error({ plugin: id, err: error }, 'Could not sync repeating tasks'));
		};
		for (const event of ['pluginLoaded', 'pluginReloaded', 'pluginUnloaded']) plugins.on(event, syncTasks);
		const continuity = await Continuity.create({
			client,
			logger: options.logger,
			coalescer: container.memberMessages,
			...(options.db ? { db: options.db } : {}),
			...(completions ? { completions } : {}),
		});
		container.effects = continuity.effects;
		// An event is recorded as handled only once its join or leave is counted (replay-safe, see MemberActivity).
		continuity.ledger.beforeHandled.push(() => container.memberActivity.written());
		// Waiting ends with the shutdown grace: an event cut off then is replayed at the next start.
		container.databaseWaits = new DatabaseWaits(
			() => container.log,
			() => continuity.ledger.frozen,
		);
		if (options.metrics)
			container.metrics = new FoyerMetrics({
				client,
				continuity,
				scheduler: options.scheduler,
				coalescer: container.memberMessages,
			});
		else Reflect.deleteProperty(container, 'metrics');
		const readyPromise = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
		if (options.dashboard) container.dashboard = await Dashboard.create(options.dashboard, client, plugins, options.db);
		else Reflect.deleteProperty(container, 'dashboard');
		await client.login(options.token);
		await readyPromise;
		await client.application?.fetch();
		// Jobs that fell due while Foyer was down run once their plugins' task pieces are loaded.
		await plugins.loadAll();
		await options.scheduler.start();
		schedulerStarted = true;
		for (const plugin of plugins.list()) if (plugin.id && plugin.status === 'loaded') syncTasks(plugin.id);
		await continuity.open();
		state.ready = true;
		await plugins.syncCommands();
		return new Foyer(client, plugins, options.scheduler, continuity, state);
	}

	/** Base URL of the HTTP server (dashboard and plugin routes). */
	get httpUrl(): string {
		const address = container.server.server.address() as import('node:net').AddressInfo;
		// By name, not by IP: plugin-api's cookie middleware throws when the host is the client's IP.
		return `http://localhost:${address.port}`;
	}

	/**
	 * Stops taking member events, gives what was delivered `graceMs` to finish (effects not done by
	 * then stay recorded and are carried out at the next start), then stops everything.
	 */
	async stop(options: { graceMs?: number } = {}): Promise<void> {
		// Stopping is not uninstalling: leave the registered commands on Discord as they are.
		this.state.ready = false;
		opsState.stopping = true;
		// No new member events; what was delivered is finished (within a bound) before anything stops.
		this.continuity.pause();
		await container.scheduler.pauseRunning?.();
		const unfinished = await this.continuity.settle(options.graceMs ?? 10_000);
		if (unfinished.events || unfinished.effects)
			container.log.warn(unfinished, 'Stopping with work unfinished: it stays recorded for the next start');
		container.effects.stop();
		container.memberMessages.stop();
		// Sends already on their way finish (and are marked done) rather than be cut off: resending them
		// at the next start could post twice.
		await container.effects.settle(5_000);
		await container.scheduler.stop();
		this.plugins.removeAllListeners();
		await this.plugins.unloadAll();
		await container.counters.close();
		await container.memberActivity.flush();
		await this.continuity.close();
		container.server?.server.closeAllConnections();
		await container.server?.disconnect();
		await this.continuity.leaveGatewayResumable();
		await this.client.destroy();
	}
}
