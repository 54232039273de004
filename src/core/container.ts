import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { Database } from './database/database.ts';
import type { EffectOutbox } from './effects/effect-outbox.ts';
import type { MessageCoalescer } from './messaging/message-coalescer.ts';
import type { PluginManager } from './plugins/plugin-manager.ts';
import type { Scheduler } from './scheduling/job.ts';
import type { TemplateEngine } from './templates/template-engine.ts';

declare module '@sapphire/pieces' {
	interface Container {
		/** Loaded plugins, per-guild enablement and settings. */
		plugins: PluginManager;
		/** The time as Foyer sees it: the wall clock, or a test's clock. */
		clock: Clock;
		/** Foyer's structured logger; pieces log through it with `{ plugin }`. */
		log: Logger;
		/** The database (absent when Foyer runs without one): plugins use their handle's `em()`. */
		db?: Database;
		/** Delayed and repeating jobs that run the plugins' scheduled-task pieces. */
		scheduler: Scheduler;
		/** The `%placeholder%` message templates shared by all plugins. */
		templates: TemplateEngine;
		/** Member messages (welcomes, goodbyes) per channel, combined during raids: use `postMemberMessage`. */
		memberMessages: MessageCoalescer;
		/** The outbox of durable effects; plugins use postMemberMessage, sendMessage and addMemberRoles from 'foyer'. */
		effects: EffectOutbox;
		/** Prometheus metrics, when enabled (METRICS_ENABLED). */
		metrics?: import('./ops/foyer-metrics.ts').FoyerMetrics;
		/** Per-guild counters for plugins' dashboard figures: `add('join', guildId, 'sent')`, `read('join', guildId)`. */
		counters: import('./counters/plugin-counters.ts').PluginCounters;
		/** Plugin listeners and tasks failing because the database is not answering wait for it (see wait-for-database.ts). */
		databaseWaits: import('./database/wait-for-database.ts').DatabaseWaits;
		/** Joins and leaves per guild per day, recorded by the core for the overview's growth chart. */
		memberActivity: import('./member-activity/member-activity.ts').MemberActivity;
	}
}
