import type { EntityManager } from '@mikro-orm/core';
import { container } from '@sapphire/framework';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { postMemberMessage } from '../../effects/durable-api.ts';
import type { Translate } from '../../i18n/translations.ts';
import type { AnyMember, MemberMessage, MemberMessageResult } from '../../messaging/member-message.ts';
import type { SettingsOf, SettingsSchema, ValidationResult } from '../../settings/settings-schema.ts';
import { templateContextOf } from '../../templates/member-context.ts';
import type { ContextProvider, Placeholder, RenderResult } from '../../templates/template-engine.ts';
import { brandHandle, type PluginManifest, type TaskSchemas } from '../manifest.ts';
import type { FoyerEvent, FoyerEventName, FoyerServiceName, FoyerServices, ServiceClient } from './published.ts';

/** When a scheduled task runs, and the key that lets it be cancelled or replaced. */
export interface ScheduleWhen {
	/** Run after this many milliseconds (default 0)... */
	delayMs?: number;
	/** ...or at this time. */
	at?: Date;
	/** At most one pending job per key: scheduling again replaces it, `cancel(key)` removes it. */
	key?: string;
}

export interface PluginCountersHandle {
	/** Adds to a named counter of the guild (batched, atomic: costs almost nothing per event). */
	add(guildId: string, name: string, n?: number): void;
	/** The guild's counters, including what is not written yet. */
	read(guildId: string): Promise<Record<string, number>>;
	/** Keeps `message` as the guild's last problem; resolves true when it differs from the one before. */
	note(guildId: string, message: string): Promise<boolean>;
	/** The last problem noted for the guild, if any. */
	lastNote(guildId: string): Promise<{ message: string; at: Date } | null>;
}

/**
 * What `plugin.onChange()` handlers hear: this version loaded, the plugin's state changed in a guild,
 * or the guild chose another language (messages everyone reads, and defaults, may read differently).
 */
export type PluginChange =
	| { kind: 'loaded' }
	| { kind: 'settings'; guildId: string }
	| { kind: 'enabled'; guildId: string; enabled: boolean }
	| { kind: 'language'; guildId: string; locale: string };

export interface PluginEventsHandle {
	/** Emits one of this plugin's own events; resolves once every consumer has handled it. */
	emit<K extends FoyerEventName>(event: K, payload: FoyerEvent<K>): Promise<void>;
	/**
	 * Handles a published event (declare its provider in `dependsOn`). The handler belongs to this
	 * version of the plugin: a reload or unload removes it. Listener pieces with `event: 'x:y'` work too.
	 */
	on<K extends FoyerEventName>(event: K, handler: (payload: FoyerEvent<K>) => unknown): () => void;
}

type Schema<M> = M extends { settings?: infer S } ? (S extends SettingsSchema ? S : Record<never, never>) : never;
type Tasks<M> = M extends { tasks?: infer T } ? (T extends TaskSchemas ? T : Record<never, never>) : never;

/**
 * What `definePlugin()` returns: the plugin's typed handle, bound to its id. The plugin's own files
 * import it (`import plugin from '../plugin.ts'`) instead of reaching for the global container or
 * repeating the id. It holds no state of its own, so it keeps working across reloads.
 */
export interface FoyerPlugin<S extends SettingsSchema = SettingsSchema, T extends TaskSchemas = TaskSchemas> {
	readonly id: string;
	readonly manifest: PluginManifest<S, T>;
	/** The guild's settings, typed from the manifest's schema (defaults where the guild chose nothing). */
	settings(guildId: string): SettingsOf<S>;
	/** Validates and stores a settings change; answers the field errors instead when it is invalid. */
	updateSettings(
		guildId: string,
		input: Partial<Record<keyof S & string, unknown>>,
		/** The language of the errors, for the member who asked (`interaction.locale`). */
		options?: { locale?: string | null },
	): Promise<ValidationResult<S>>;
	/** Whether the plugin acts in the guild (enabled there, or on by default). */
	enabledIn(guildId: string): boolean;
	/** Schedules one of the plugin's tasks (`scheduled-tasks/<task>.ts`) with its typed payload. */
	schedule<K extends keyof T & string>(task: K, payload: z.input<T[K]>, when?: ScheduleWhen): Promise<string>;
	/** Cancels the pending job scheduled with `key`; resolves whether there was one. */
	cancel(key: string): Promise<boolean>;
	/** A task's payload as its piece receives it, checked against the task's schema. */
	payload<K extends keyof T & string>(task: K, raw: unknown): z.output<T[K]>;
	/**
	 * The plugin's Eta views. With `locale` in `data` (a page's: `pageLocale(request)`), the view reads
	 * the plugin's texts in that language as `it.t(key, vars)`.
	 */
	readonly views: { render(name: string, data?: { locale?: string; [key: string]: unknown }): string };
	readonly counters: PluginCountersHandle;
	/** The core's logger with `{ plugin: id }` on every line. */
	readonly log: Logger;
	/**
	 * The plugin's text for `key` (`languages/<locale>.json`): in `locale` (a member's, for an ephemeral
	 * reply: `interaction.locale`), else in the language of `guild`, else English; the key itself when missing.
	 */
	t(
		key: string,
		options?: { locale?: string | null; guild?: string | null; vars?: Record<string, string | number> },
	): string;
	/**
	 * `t` bound to one language (`locale`, else the server's for `guild`): what a reply or a page hands
	 * to the helpers that word it, `(key, vars) => string`.
	 */
	translator(options: { locale?: string | null; guild?: string | null }): Translate;
	/** Discord's localizations of a command name or description: `.setDescriptionLocalizations(plugin.localizations(key))`. */
	localizations(key: string, vars?: Record<string, string | number>): Partial<Record<string, string>>;
	/** The language a server chose (for messages everyone reads there). */
	language(guildId: string): string;
	readonly events: PluginEventsHandle;
	/** A service another plugin provides (declared in `dependsOn`); its calls wait while it reloads. */
	service<K extends FoyerServiceName>(id: K): ServiceClient<FoyerServices[K]>;
	/** Whether the provider of a service is loaded now (for optional dependencies). */
	hasService(id: FoyerServiceName): boolean;
	/** A fresh EntityManager for the plugin's entities. */
	em(): EntityManager;
	/** The time in ms as Foyer sees it: use it instead of Date.now() so tests can move it. */
	now(): number;
	/** Posts a message about one member (welcome-style), combined with others' during a raid. */
	postMemberMessage(message: Omit<MemberMessage, 'plugin'>): Promise<MemberMessageResult | null>;
	/** Renders a `%placeholder%` template for a member, with what plugins' context providers add (the inviter...). */
	renderTemplate(template: string, member: AnyMember): Promise<RenderResult>;
	/**
	 * Adds to every member's template context (e.g. the inviter for `%inviter%`), while this version
	 * of the plugin is loaded. Call it at the top level of a module a piece imports.
	 */
	templateContext(provider: ContextProvider): void;
	/**
	 * Adds `%name%` placeholders to every template (messages, DMs, previews) while this version of the
	 * plugin is loaded; they read what its `templateContext` put in `extra`. Call it at the top level.
	 */
	placeholders(placeholders: Record<string, Placeholder>): void;
	/**
	 * Runs `handler` once this version of the plugin is loaded (at start, after a load or a reload)
	 * and whenever its settings or its enablement change in a guild: the moment to bring what the
	 * plugin keeps on Discord (a pinned message, a channel's permissions) in line. Call it at the top
	 * level of a module a piece imports; it belongs to this version of the plugin. Errors are logged.
	 */
	onChange(handler: (change: PluginChange) => unknown): void;
}

const loggers = new WeakMap<Logger, Map<string, Logger>>();

function childLogger(id: string): Logger {
	const base = container.log;
	let byId = loggers.get(base);
	if (!byId) {
		byId = new Map();
		loggers.set(base, byId);
	}
	let child = byId.get(id);
	if (!child) {
		child = base.child({ plugin: id });
		byId.set(id, child);
	}
	return child;
}

function manager() {
	const plugins = container.plugins;
	if (!plugins) throw new Error('Foyer is not running: a plugin handle works once the plugin manager has started');
	return plugins;
}

/**
 * Declares a plugin: `export default definePlugin({ id, name, version, description, ... })` in its
 * `plugin.ts`. The returned handle types everything the plugin reads back (settings, task payloads).
 */
export function definePlugin<const M extends PluginManifest>(manifest: M): FoyerPlugin<Schema<M>, Tasks<M>> {
	const id = manifest.id;
	type S = Schema<M>;
	type T = Tasks<M>;
	const taskSchema = (task: string): z.ZodType => {
		const schema = manifest.tasks?.[task];
		if (!schema) throw new Error(`Plugin "${id}" declares no task "${task}" in its manifest's tasks`);
		return schema;
	};
	const parse = (task: string, raw: unknown) => {
		const result = taskSchema(task).safeParse(raw);
		if (result.success) return result.data;
		const issue = result.error.issues[0];
		throw new Error(
			`Invalid payload for task ${id}:${task}: ${issue?.path.join('.') || 'payload'} ${issue?.message ?? 'is invalid'}`,
		);
	};
	const handle: FoyerPlugin<S, T> = {
		id,
		manifest: manifest as unknown as PluginManifest<S, T>,
		settings: (guildId) => manager().settings<S>(id, guildId),
		updateSettings: (guildId, input, options = {}) =>
			manager().updateSettings(id, guildId, input as Record<string, unknown>, options.locale) as Promise<
				ValidationResult<S>
			>,
		enabledIn: (guildId) => manager().isEnabledIn(id, guildId),
		schedule: (task, payload, when = {}) =>
			container.scheduler.schedule({
				plugin: id,
				task,
				payload: parse(task, payload),
				...(when.delayMs !== undefined ? { delayMs: when.delayMs } : {}),
				...(when.at ? { at: when.at } : {}),
				...(when.key ? { key: when.key } : {}),
			}),
		cancel: (key) => container.scheduler.cancel({ plugin: id, key }),
		payload: (task, raw) => parse(task, raw) as z.output<T[typeof task]>,
		views: {
			render: (name, data = {}) =>
				manager().views.render(id, name, { t: manager().i18n.translator(id, data.locale ?? null), ...data }),
		},
		counters: {
			add: (guildId, name, n = 1) => container.counters.add(id, guildId, name, n),
			read: (guildId) => container.counters.read(id, guildId),
			note: (guildId, message) => container.counters.note(id, guildId, message),
			lastNote: (guildId) => container.counters.lastNote(id, guildId),
		},
		get log() {
			return childLogger(id);
		},
		t: (key, options = {}) =>
			manager().i18n.t(id, key, {
				locale: options.locale ?? (options.guild ? manager().language(options.guild) : null),
				...(options.vars ? { vars: options.vars } : {}),
			}),
		translator: (options) =>
			manager().i18n.translator(id, options.locale ?? (options.guild ? manager().language(options.guild) : null)),
		localizations: (key, vars) => manager().i18n.localizations(id, key, vars),
		language: (guildId) => manager().language(guildId),
		events: {
			emit: (event, payload) => manager().events.emit(id, event, payload as object),
			on: (event, handler) => manager().subscribe(id, handle, event, handler as (payload: unknown) => unknown),
		},
		service: (provider) => manager().serviceFor(id, provider) as ServiceClient<FoyerServices[typeof provider]>,
		hasService: (provider) => manager().services.has(provider),
		em: () => {
			const db = container.db;
			if (!db) throw new Error(`Plugin "${id}" uses the database, but Foyer runs without one`);
			return db.em();
		},
		now: () => container.clock.now(),
		postMemberMessage: async (message) => {
			const context = await container.templates.resolveContext(message.member);
			// A durable effect (recorded in the outbox, sent once per event): see core/effects/durable-api.ts.
			return postMemberMessage({ ...message, plugin: id, context } as MemberMessage);
		},
		renderTemplate: async (template, member) =>
			container.templates.render(template, {
				...templateContextOf(member),
				...(await container.templates.resolveContext(member)),
			}),
		templateContext: (provider) => manager().own(id, handle, container.templates.provideContext(provider)),
		placeholders: (placeholders) => {
			for (const [name, placeholder] of Object.entries(placeholders))
				manager().own(id, handle, container.templates.register(name, placeholder));
		},
		onChange: (handler) => {
			const plugins = manager();
			const call = (change: PluginChange) =>
				void Promise.resolve()
					.then(() => handler(change))
					.catch((error: unknown) => childLogger(id).error({ err: error, change }, 'A change handler failed'));
			// biome-ignore lint/suspicious/noExplicitAny: EventEmitter listeners take the arguments their event was emitted with
			const listeners: Record<string, (...args: any[]) => void> = {
				pluginLoaded: (plugin: string) => plugin === id && call({ kind: 'loaded' }),
				pluginReloaded: (plugin: string) => plugin === id && call({ kind: 'loaded' }),
				pluginSettingsChanged: (plugin: string, guildId: string) =>
					plugin === id && call({ kind: 'settings', guildId }),
				pluginToggled: (plugin: string, guildId: string, enabled: boolean) =>
					plugin === id && call({ kind: 'enabled', guildId, enabled }),
				languageChanged: (guildId: string, locale: string) => call({ kind: 'language', guildId, locale }),
			};
			for (const [event, listener] of Object.entries(listeners)) plugins.on(event, listener);
			plugins.own(id, handle, () => {
				for (const [event, listener] of Object.entries(listeners)) plugins.off(event, listener);
			});
		},
	};
	return brandHandle(handle, manifest);
}
