import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from '../i18n/locales.ts';
import { Translations } from '../i18n/translations.ts';
import {
	defaultSettings,
	type SettingErrorWords,
	type SettingsOf,
	type SettingsSchema,
	validateSettings,
	withoutLanguageDefaults,
} from '../settings/settings-schema.ts';
import { ViewRegistry } from '../views/view-registry.ts';
import type { CommandSync } from './command-sync.ts';
import { PluginEventGate } from './event-gate.ts';
import { CORE_EMITTER, PluginEventBus } from './kit/event-bus.ts';
import { ServiceRegistry } from './kit/service-registry.ts';
import { dependencies, type PluginManifest, validateManifest } from './manifest.ts';
import {
	bumpGeneration,
	currentGeneration,
	isTracked,
	moduleUrl,
	setGeneration,
	trackPluginFolder,
} from './module-generations.ts';
import { type LoadedPieceRef, loadPluginPieces, unloadPluginPieces } from './piece-loader.ts';
import type { PluginStateStore } from './plugin-state.ts';

/** What the core's database offers plugins (see src/core/database). */
export interface PluginDatabase {
	registerEntities(owner: string, entities: NonNullable<PluginManifest['entities']>): Promise<void>;
	unregisterEntities(owner: string): Promise<void>;
	runMigrations(owner: string, migrations: NonNullable<PluginManifest['migrations']>): Promise<unknown>;
}

export type PluginStatus = 'loaded' | 'failed';

export interface PluginInfo {
	id: string | null;
	name: string | null;
	version: string | null;
	description: string | null;
	dir: string;
	status: PluginStatus;
	error: string | null;
	pieces: number;
	loadedAt: number | null;
	reloads: number;
}

interface LoadedPlugin {
	manifest: PluginManifest;
	dir: string;
	gate: PluginEventGate;
	pieces: LoadedPieceRef[];
	loadedAt: number;
	reloads: number;
}

export interface PluginManagerOptions {
	/** Folders whose subfolders are plugins (e.g. `plugins/`). */
	roots: string[];
	/** Extra plugins: folders, or npm package names. */
	extra?: string[];
	source: EventEmitter;
	logger: Logger;
	state: PluginStateStore;
	db?: PluginDatabase;
	commands?: CommandSync;
	/** The core's shared templates (default: ./views). */
	viewsDir?: string;
	/** Whether the client is ready (commands can only be pushed then). */
	isReady?: () => boolean;
}

/**
 * Loads, unloads and reloads plugins while the bot runs (`container.plugins`). A plugin that fails
 * to load is recorded with its error and never stops the others; a failed reload keeps the previous
 * version running.
 */
export class PluginManager extends EventEmitter {
	readonly #loaded = new Map<string, LoadedPlugin>();
	readonly #failed = new Map<string, { dir: string; error: string; manifest: PluginManifest | null }>();
	/** Every loaded plugin's `languages/` catalogs: `plugins.i18n.t(pluginId, key, { locale })`. */
	readonly i18n = new Translations();
	/** Every loaded plugin's `views/` templates: `plugins.views.render(pluginId, 'panel', data)`. */
	readonly views: ViewRegistry;
	/** The services plugins provide (`provides.service`), by provider id. */
	readonly services = new ServiceRegistry();
	/** Events between plugins: `plugin.events.emit()` reaches every consumer's gate. */
	readonly events: PluginEventBus;
	readonly #serviceClients = new Map<string, object>();
	/** Serialises load/unload/reload so that two admin actions never interleave. */
	#queue: Promise<unknown> = Promise.resolve();

	/** The core's own texts (`foyer` namespace of `i18n`), read before any plugin loads. */
	loadCoreCatalog(): Promise<void> {
		return this.i18n.load(CORE_EMITTER, fileURLToPath(new URL('../i18n', import.meta.url)));
	}

	constructor(private readonly options: PluginManagerOptions) {
		super();
		this.views = new ViewRegistry(options.viewsDir);
		this.events = new PluginEventBus(() => [...this.#loaded.values()].map((p) => p.gate), options.logger);
	}

	#serial<T>(task: () => Promise<T>): Promise<T> {
		const run = this.#queue.then(task, task);
		this.#queue = run.catch(() => undefined);
		return run;
	}

	/** Plugin folders: subfolders of the roots, then the extra entries. */
	discover(): Promise<string[]> {
		return discoverPluginDirs(this.options.roots, this.options.extra ?? []);
	}

	/** Loads every discovered plugin, dependencies first. Failures are recorded, not thrown. */
	async loadAll(): Promise<PluginInfo[]> {
		const dirs = await this.discover();
		const manifests = new Map<string, { dir: string; manifest: PluginManifest }>();
		for (const dir of dirs) {
			try {
				// An npm name that is not installed stays as written: it fails here with the reason.
				const manifest = await this.#readManifest(resolvePluginSpec(dir));
				if (manifests.has(manifest.id))
					throw new Error(`Plugin id "${manifest.id}" is already used by ${manifests.get(manifest.id)?.dir}`);
				manifests.set(manifest.id, { dir, manifest });
			} catch (error) {
				this.#fail(dir, null, error);
			}
		}
		const done = new Set<string>();
		const visit = async (id: string, trail: string[]): Promise<void> => {
			if (done.has(id)) return;
			done.add(id);
			const entry = manifests.get(id);
			if (!entry) return;
			for (const { id: dep } of dependencies(entry.manifest)) {
				if (trail.includes(dep)) continue;
				await visit(dep, [...trail, id]);
			}
			await this.load(entry.dir).catch(() => undefined);
		};
		for (const id of manifests.keys()) await visit(id, []);
		return this.list();
	}

	/** Loads a plugin folder or an npm package; a spec that failed before may be loaded once it is fixed or installed. */
	load(spec: string): Promise<PluginInfo> {
		return this.#serial(async () => {
			let dir: string;
			try {
				dir = resolvePluginSpec(spec);
			} catch (error) {
				throw this.#fail(spec, null, error);
			}
			const info = await this.#load(dir);
			this.#failed.delete(spec);
			return info;
		});
	}

	unload(id: string): Promise<void> {
		return this.#serial(() => this.#unload(id));
	}

	reload(id: string): Promise<PluginInfo> {
		return this.#serial(() => this.#reload(id));
	}

	get(id: string): PluginManifest | undefined {
		return this.#loaded.get(id)?.manifest;
	}

	isLoaded(id: string): boolean {
		return this.#loaded.has(id);
	}

	list(): PluginInfo[] {
		const loaded = [...this.#loaded.values()].map(
			(p): PluginInfo => ({
				id: p.manifest.id,
				name: p.manifest.name,
				version: p.manifest.version,
				description: p.manifest.description,
				dir: p.dir,
				status: 'loaded',
				error: null,
				pieces: p.pieces.length,
				loadedAt: p.loadedAt,
				reloads: p.reloads,
			}),
		);
		const failed = [...this.#failed.values()].map(
			(f): PluginInfo => ({
				id: f.manifest?.id ?? null,
				name: f.manifest?.name ?? null,
				version: f.manifest?.version ?? null,
				description: f.manifest?.description ?? null,
				dir: f.dir,
				status: 'failed',
				error: f.error,
				pieces: 0,
				loadedAt: null,
				reloads: 0,
			}),
		);
		return [...loaded, ...failed];
	}

	/** Whether plugin `id` acts in `guildId` (enabled there, or on by default). */
	isEnabledIn(id: string, guildId: string): boolean {
		const manifest = this.#loaded.get(id)?.manifest;
		if (!manifest) return false;
		return this.options.state.isEnabled(id, guildId, manifest.enabledByDefault ?? true);
	}

	async setEnabled(id: string, guildId: string, enabled: boolean): Promise<void> {
		if (!this.#loaded.has(id)) throw new Error(`No plugin "${id}" is loaded`);
		await this.options.state.setEnabled(id, guildId, enabled);
		this.emit('pluginToggled', id, guildId, enabled);
	}

	settings<S extends SettingsSchema>(id: string, guildId: string): SettingsOf<S> {
		const schema = (this.#loaded.get(id)?.manifest.settings ?? {}) as S;
		return {
			...defaultSettings(schema, this.language(guildId)),
			...(this.options.state.getSettings(id, guildId) ?? {}),
		} as SettingsOf<S>;
	}

	/** How settings errors read in `locale`: the core's `settings.errors.*` texts. */
	settingErrorWords(locale?: string | null): SettingErrorWords {
		return (code, vars) => this.i18n.t(CORE_EMITTER, `settings.errors.${code}`, { locale, vars });
	}

	/** The language a server chose for Foyer's messages and pages (English until it chooses). */
	language(guildId: string): Locale {
		const chosen = this.options.state.getSettings(CORE_EMITTER, guildId)?.language;
		return isLocale(chosen) ? chosen : DEFAULT_LOCALE;
	}

	async setLanguage(guildId: string, locale: string): Promise<void> {
		if (!isLocale(locale)) throw new Error(`Foyer does not speak "${locale}"; choose one of ${LOCALES.join(', ')}`);
		const current = this.options.state.getSettings(CORE_EMITTER, guildId) ?? {};
		await this.options.state.setSettings(CORE_EMITTER, guildId, { ...current, language: locale });
		this.emit('languageChanged', guildId, locale);
	}

	/**
	 * Validates and stores a settings update; answers the field errors instead when it is invalid,
	 * written in `locale` (the reader's; English by default).
	 */
	async updateSettings(id: string, guildId: string, input: Record<string, unknown>, locale?: string | null) {
		const manifest = this.#loaded.get(id)?.manifest;
		if (!manifest) throw new Error(`No plugin "${id}" is loaded`);
		const schema = manifest.settings ?? {};
		const result = validateSettings(schema, input, this.settings(id, guildId), this.settingErrorWords(locale));
		if (result.ok) {
			const stored = withoutLanguageDefaults(schema, result.value, this.language(guildId));
			await this.options.state.setSettings(id, guildId, stored);
			this.emit('pluginSettingsChanged', id, guildId);
		}
		return result;
	}

	async #readManifest(dir: string): Promise<PluginManifest> {
		const file = ['plugin.ts', 'plugin.js', 'plugin.mjs'].map((f) => join(dir, f)).find((f) => existsSync(f));
		if (!existsSync(dir)) throw new Error(`${dir} does not exist`);
		if (!file) throw new Error(`${dir} has no plugin.ts (or plugin.js) manifest`);
		trackPluginFolder(dir);
		const mod = (await import(moduleUrl(dir, file))) as { default?: unknown; plugin?: unknown };
		const manifest = validateManifest(mod.default ?? mod.plugin, file);
		this.#handles.set(manifest.id, mod.default ?? mod.plugin);
		return manifest;
	}

	/** Whether Foyer has finished starting (plugins loaded, so their routes and listeners exist). */
	get ready(): boolean {
		return this.options.isReady?.() ?? true;
	}

	/** The object each plugin's current `plugin.ts` exported (its handle): handlers registered through another go. */
	readonly #handles = new Map<string, unknown>();
	/** What each plugin version registered with the core (context providers...), undone when that version goes. */
	readonly #owned = new Map<string, { handle: unknown; dispose: () => void }[]>();

	/** Keeps `dispose` for when the version of plugin `id` that `handle` belongs to is replaced or unloaded. */
	own(id: string, handle: unknown, dispose: () => void): void {
		if (this.#handles.get(id) !== handle) {
			dispose();
			return;
		}
		const list = this.#owned.get(id) ?? [];
		list.push({ handle, dispose });
		this.#owned.set(id, list);
	}

	/** Undoes what the plugin's versions other than `keep` registered (all of them when `keep` is undefined). */
	#disown(id: string, keep?: unknown): void {
		const list = this.#owned.get(id) ?? [];
		for (const entry of list) if (entry.handle !== keep) entry.dispose();
		const kept = list.filter((entry) => entry.handle === keep);
		if (kept.length) this.#owned.set(id, kept);
		else this.#owned.delete(id);
	}

	/** What a plugin may listen to and call: its own, the core's, and its declared dependencies'. */
	#uses(consumer: string, provider: string): boolean {
		if (provider === consumer || provider === CORE_EMITTER) return true;
		const manifest = this.#loaded.get(consumer)?.manifest ?? this.#failed.get(consumer)?.manifest;
		return !!manifest && dependencies(manifest).some((d) => d.id === provider);
	}

	/** `plugin.events.on()`: a handler of a published event, for the plugin's current version only. */
	subscribe(consumer: string, handle: unknown, event: string, handler: (payload: unknown) => unknown): () => void {
		const provider = event.includes(':') ? event.slice(0, event.indexOf(':')) : '';
		if (!provider) throw new Error(`"${event}" is not a plugin event (they are named "<plugin>:<name>")`);
		const plugin = this.#loaded.get(consumer);
		if (!plugin) throw new Error(`Plugin "${consumer}" is not loaded; subscribe from its pieces or helpers`);
		if (!this.#uses(consumer, provider))
			throw new Error(`Plugin "${consumer}" listens to ${event}: add "${provider}" to its dependsOn`);
		if (this.#handles.get(consumer) !== handle) return () => undefined;
		return plugin.gate.subscribe(event, handler);
	}

	/** `plugin.service(id)`: the provider's service as the consumer sees it (calls wait while it reloads). */
	serviceFor(consumer: string, provider: string): object {
		if (!this.#uses(consumer, provider))
			throw new Error(`Plugin "${consumer}" uses the "${provider}" service: add "${provider}" to its dependsOn`);
		let client = this.#serviceClients.get(provider);
		if (!client) {
			client = this.services.client(provider);
			this.#serviceClients.set(provider, client);
		}
		return client;
	}

	async #provide(manifest: PluginManifest): Promise<void> {
		const factory = manifest.provides?.service;
		if (!factory) return;
		const impl = await factory();
		if (typeof impl !== 'object' || impl === null)
			throw new Error(`Plugin "${manifest.id}": provides.service must build an object of methods`);
		this.services.set(manifest.id, impl);
	}

	#usesBy(manifest: PluginManifest, provider: string): boolean {
		return (
			provider === manifest.id || provider === CORE_EMITTER || dependencies(manifest).some((d) => d.id === provider)
		);
	}

	#fail(dir: string, manifest: PluginManifest | null, error: unknown): Error {
		const message = error instanceof Error ? error.message : String(error);
		this.#failed.set(dir, { dir, error: message, manifest });
		this.options.logger.error({ plugin: manifest?.id, dir, err: error }, `Plugin failed to load: ${message}`);
		this.emit('pluginFailed', dir, message);
		return error instanceof Error ? error : new Error(message);
	}

	async #load(dir: string): Promise<PluginInfo> {
		let manifest: PluginManifest | null = null;
		try {
			// Loaded before in this process (then unloaded, or by an earlier Foyer): its cached modules ran their
			// top-level registrations (template context, change handlers) for a version that is gone. Fresh ones.
			const loadedHere = [...this.#loaded.values()].some((p) => p.dir === dir);
			if (isTracked(dir) && !loadedHere) bumpGeneration(dir);
			manifest = await this.#readManifest(dir);
			const id = manifest.id;
			const existing = this.#loaded.get(id);
			if (existing) throw new Error(`Plugin "${id}" is already loaded from ${existing.dir}`);
			const missing = dependencies(manifest)
				.filter((dep) => !dep.optional && !this.#loaded.has(dep.id))
				.map((dep) => dep.id);
			if (missing.length)
				throw new Error(
					`Plugin "${id}" needs ${missing.map((m) => `"${m}"`).join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not loaded`,
				);
			if (manifest.entities?.length) {
				if (!this.options.db) throw new Error(`Plugin "${id}" declares entities but Foyer runs without a database`);
				await this.options.db.registerEntities(id, manifest.entities);
			}
			if (manifest.migrations?.length) await this.options.db?.runMigrations(id, manifest.migrations);
			await this.i18n.load(id, dir);
			this.views.load(id, dir);
			const m = manifest;
			const gate = new PluginEventGate(id, this.options.source, (guildId) =>
				this.options.state.isEnabled(id, guildId, m.enabledByDefault ?? true),
			);
			let pieces: LoadedPieceRef[];
			try {
				pieces = await loadPluginPieces(id, dir, gate, (provider) => this.#usesBy(m, provider));
			} catch (error) {
				gate.close();
				throw error;
			}
			try {
				await this.#provide(manifest);
			} catch (error) {
				await unloadPluginPieces(pieces);
				gate.close();
				throw error;
			}
			const plugin: LoadedPlugin = { manifest, dir, gate, pieces, loadedAt: Date.now(), reloads: 0 };
			this.#loaded.set(id, plugin);
			this.#failed.delete(dir);
			await this.#syncCommands();
			this.options.logger.info(
				{ plugin: id, version: manifest.version, pieces: pieces.length },
				`Plugin ${manifest.name} ${manifest.version} loaded`,
			);
			this.emit('pluginLoaded', id);
			return this.#info(id);
		} catch (error) {
			throw this.#fail(dir, manifest, error);
		}
	}

	async #unload(id: string): Promise<void> {
		const plugin = this.#loaded.get(id);
		if (!plugin) throw new Error(`No plugin "${id}" is loaded`);
		const dependents = [...this.#loaded.values()]
			.filter((p) => dependencies(p.manifest).some((d) => d.id === id && !d.optional))
			.map((p) => p.manifest.id);
		if (dependents.length)
			throw new Error(
				`Cannot unload "${id}": ${dependents.map((d) => `"${d}"`).join(', ')} depend${dependents.length > 1 ? '' : 's'} on it`,
			);
		this.services.remove(id);
		await unloadPluginPieces(plugin.pieces);
		plugin.gate.close();
		this.#disown(id);
		this.#handles.delete(id);
		this.i18n.drop(id);
		this.views.drop(id);
		this.#loaded.delete(id);
		if (plugin.manifest.entities?.length) await this.options.db?.unregisterEntities(id);
		await this.#syncCommands();
		this.options.logger.info({ plugin: id }, `Plugin ${plugin.manifest.name} unloaded`);
		this.emit('pluginUnloaded', id);
	}

	/**
	 * Swaps a plugin's code for what is on disk now. Events for the plugin are held from before the
	 * old pieces go until the new ones are in, then delivered. If the new code fails to load, the
	 * previous generation (still cached by the module loader) is put back.
	 */
	async #reload(id: string): Promise<PluginInfo> {
		const plugin = this.#loaded.get(id);
		if (!plugin) throw new Error(`No plugin "${id}" is loaded`);
		const previousGeneration = currentGeneration(plugin.dir);
		const previousHandle = this.#handles.get(id);
		bumpGeneration(plugin.dir);
		plugin.gate.hold();
		this.services.suspend(id);
		try {
			const manifest = await this.#readManifest(plugin.dir);
			if (manifest.id !== id)
				throw new Error(`The manifest's id changed from "${id}" to "${manifest.id}"; unload and load instead`);
			if (manifest.entities?.length) await this.options.db?.registerEntities(id, manifest.entities);
			if (manifest.migrations?.length) await this.options.db?.runMigrations(id, manifest.migrations);
			await this.i18n.load(id, plugin.dir);
			this.views.load(id, plugin.dir);
			await unloadPluginPieces(plugin.pieces);
			const handlers = plugin.gate.takeHandlers();
			try {
				plugin.pieces = await loadPluginPieces(id, plugin.dir, plugin.gate, (p) => this.#usesBy(manifest, p));
				await this.#provide(manifest);
			} catch (error) {
				// Back to the previous generation: its modules are cached, so this restores it exactly.
				setGeneration(plugin.dir, previousGeneration);
				this.#handles.set(id, previousHandle);
				await unloadPluginPieces(plugin.pieces);
				plugin.gate.putBackHandlers(handlers);
				plugin.pieces = await loadPluginPieces(id, plugin.dir, plugin.gate, (p) => this.#usesBy(plugin.manifest, p));
				throw error;
			}
			this.#disown(id, this.#handles.get(id));
			plugin.manifest = manifest;
			plugin.reloads++;
			plugin.loadedAt = Date.now();
		} catch (error) {
			setGeneration(plugin.dir, previousGeneration);
			this.#handles.set(id, previousHandle);
			this.#disown(id, previousHandle);
			this.services.restore(id);
			const message = error instanceof Error ? error.message : String(error);
			this.options.logger.error(
				{ plugin: id, err: error },
				`Reload of ${id} failed; the previous version keeps running: ${message}`,
			);
			throw new Error(`Reload of "${id}" failed; the previous version keeps running: ${message}`);
		} finally {
			const delivered = plugin.gate.release();
			if (delivered) this.options.logger.debug({ plugin: id, delivered }, 'Delivered events held during reload');
		}
		await this.#syncCommands();
		this.options.logger.info(
			{ plugin: id, version: plugin.manifest.version },
			`Plugin ${plugin.manifest.name} reloaded`,
		);
		this.emit('pluginReloaded', id);
		return this.#info(id);
	}

	async #syncCommands(): Promise<void> {
		if (!this.options.commands || !(this.options.isReady?.() ?? false)) return;
		await this.options.commands.sync((pluginId, error) =>
			this.options.logger.error({ plugin: pluginId, err: error }, 'Command registration failed'),
		);
	}

	/** Pushes commands once the client is ready (plugins loaded before ready are held until then). */
	syncCommands(): Promise<void> {
		return this.#serial(() => this.#syncCommands());
	}

	#info(id: string): PluginInfo {
		return this.list().find((p) => p.id === id && p.status === 'loaded') as PluginInfo;
	}

	/** The id of the plugin whose folder contains `file`, for the dev watcher. */
	pluginAt(file: string): string | null {
		const abs = resolve(file);
		for (const p of this.#loaded.values()) if (abs.startsWith(`${p.dir}/`)) return p.manifest.id;
		return null;
	}

	async unloadAll(): Promise<void> {
		// Dependents first.
		const order = [...this.#loaded.values()].sort(
			(a, b) => (b.manifest.dependsOn?.length ?? 0) - (a.manifest.dependsOn?.length ?? 0),
		);
		for (const p of order) await this.unload(p.manifest.id).catch(() => undefined);
	}
}

/** Plugin folders: every non-hidden, non-`_` subfolder of each root, then the extra entries. */
export async function discoverPluginDirs(roots: readonly string[], extra: readonly string[] = []): Promise<string[]> {
	const dirs: string[] = [];
	for (const root of roots) {
		const abs = resolve(root);
		let entries: import('node:fs').Dirent[] = [];
		try {
			entries = await readdir(abs, { withFileTypes: true });
		} catch {
			continue;
		}
		for (const e of entries.sort((a, b) => a.name.localeCompare(b.name)))
			if (e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('_')) dirs.push(join(abs, e.name));
	}
	// An entry that names no folder and no installed package is kept as written, so that it shows
	// (failed, with the reason) in the plugin manager and can be loaded once installed.
	for (const spec of extra) {
		try {
			dirs.push(resolvePluginSpec(spec));
		} catch {
			dirs.push(spec);
		}
	}
	return dirs;
}

/** A plugin folder (absolute or relative to the working directory) or an npm package name. */
export function resolvePluginSpec(spec: string, from = process.cwd()): string {
	if (isAbsolute(spec) || spec.startsWith('.')) return resolve(from, spec);
	if (existsSync(resolve(from, spec))) return resolve(from, spec);
	const require = createRequire(join(from, 'package.json'));
	try {
		return dirname(require.resolve(`${spec}/package.json`));
	} catch {
		throw new Error(`Plugin "${spec}" is neither a folder nor an installed npm package`);
	}
}
