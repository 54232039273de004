import type { EntitySchema } from '@mikro-orm/core';
import type { Guild } from 'discord.js';
import { z } from 'zod';
import type { SettingsSchema } from '../settings/settings-schema.ts';

export interface PluginMigration {
	name: string;
	up(ctx: {
		execute(sql: string, params?: unknown[]): Promise<unknown>;
		dialect: 'sqlite' | 'postgresql';
	}): Promise<void>;
}

export interface PluginNavigationEntry {
	label: string;
	/** Path under the plugin's dashboard pages, e.g. `''` or `'settings'`. */
	path: string;
}

/** One key figure of a plugin on the server overview, e.g. `{ label: 'Members welcomed', value: 1234 }`. */
export interface OverviewFigure {
	label: string;
	value: number | string;
	/** A figure worth a look when above zero (DMs that failed): drawn as a warning. */
	warn?: boolean;
}

/** A plugin this one uses: required (loaded first, cannot be unloaded under it) or optional. */
export type PluginDependency = string | { id: string; optional?: boolean };

/** Scheduled-task payloads, one Zod schema per task file name: checked when scheduled and when run. */
export type TaskSchemas = Record<string, z.ZodType>;

/** What a plugin publishes to others (see FoyerServices and FoyerEvents). */
export interface PluginProvides {
	/**
	 * Builds the plugin's service: `() => import('./service.ts').then((m) => m.service)`. Called when
	 * the plugin loads and again after each reload.
	 */
	service?: () => object | Promise<object>;
	/** Names (without the `<id>:` prefix) of the events the plugin emits, for the docs and the dashboard. */
	events?: readonly string[];
}

/**
 * What a plugin declares in its `plugin.ts`. Built-in and third-party plugins use exactly this
 * contract; the folders next to it (listeners/, commands/, routes/, scheduled-tasks/, views/)
 * hold its pieces.
 */
export interface PluginManifest<S extends SettingsSchema = SettingsSchema, T extends TaskSchemas = TaskSchemas> {
	/** Stable id: lowercase letters, digits and dashes. Namespaces the plugin's pieces, tables and settings. */
	id: string;
	name: string;
	version: string;
	description: string;
	/** Plugins whose published services and events this one uses: ids, or `{ id, optional: true }`. */
	dependsOn?: readonly PluginDependency[];
	provides?: PluginProvides;
	settings?: S;
	/** Payload schemas of the plugin's scheduled tasks, by task file name (`scheduled-tasks/<name>.ts`). */
	tasks?: T;
	// biome-ignore lint/suspicious/noExplicitAny: entity schemas are generic over their entity type
	entities?: readonly EntitySchema<any, any>[];
	migrations?: readonly PluginMigration[];
	navigation?: readonly PluginNavigationEntry[];
	/** Whether the plugin is on in a guild that never chose (default true). */
	enabledByDefault?: boolean;
	/**
	 * The plugin's card on the server overview: its key figures there. Called on each overview view
	 * (keep it to a read or two); a failure or a slow answer (over 1 s) shows the card without figures.
	 */
	overview?: (guild: Guild) => OverviewFigure[] | Promise<OverviewFigure[]>;
}

/** The dashboard's own first URL segments; plugin routes mount at /<plugin-id>/. */
const RESERVED_IDS = new Set(['admin', 'assets', 'foyer', 'guilds', 'login', 'logout', 'oauth']);

const pluginId = z
	.string()
	.regex(
		/^[a-z][a-z0-9-]{1,39}$/,
		'must be 2-40 characters: lowercase letters, digits and dashes, starting with a letter',
	)
	.refine(
		(id) => !RESERVED_IDS.has(id),
		'is taken by the core or the dashboard (admin, assets, foyer, guilds, login, logout, oauth)',
	);

/** Why `id` cannot be a plugin id (the manifest's own rule), or null when it can (`npm run plugin:new` asks). */
export function pluginIdProblem(id: string): string | null {
	const result = pluginId.safeParse(id);
	return result.success ? null : `Plugin id "${id}" ${result.error.issues[0]?.message ?? 'is invalid'}`;
}

const manifestShape = z.object({
	id: pluginId,
	name: z.string().min(1).max(64),
	version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/, 'must be a semantic version like 1.2.3'),
	description: z.string().min(1).max(300),
	dependsOn: z.array(z.union([z.string(), z.object({ id: z.string(), optional: z.boolean().optional() })])).optional(),
	provides: z
		.object({ service: z.function().optional(), events: z.array(z.string().regex(/^[a-zA-Z][\w-]*$/)).optional() })
		.optional(),
	tasks: z
		.record(
			z.string(),
			z.custom<z.ZodType>((v) => v instanceof z.ZodType, 'must be a Zod schema'),
		)
		.optional(),
	settings: z
		.record(z.string(), z.object({ type: z.string(), label: z.string(), default: z.unknown() }).loose())
		.optional(),
	entities: z.array(z.unknown()).optional(),
	migrations: z.array(z.object({ name: z.string().min(1), up: z.function() }).loose()).optional(),
	navigation: z.array(z.object({ label: z.string().min(1), path: z.string() })).optional(),
	enabledByDefault: z.boolean().optional(),
	overview: z.function().optional(),
});

/** A dependency as `{ id, optional }`. */
export function dependencies(manifest: PluginManifest): { id: string; optional: boolean }[] {
	return (manifest.dependsOn ?? []).map((d) =>
		typeof d === 'string' ? { id: d, optional: false } : { id: d.id, optional: d.optional ?? false },
	);
}

const HANDLE = Symbol.for('foyer.plugin-handle');

/** Marks the object `definePlugin` returns, so the loader can find the manifest inside it. */
export function brandHandle<H extends object>(handle: H, manifest: PluginManifest): H {
	Object.defineProperty(handle, HANDLE, { value: manifest });
	return handle;
}

/** The manifest of a plugin module's export: a handle from `definePlugin`, or a plain manifest object. */
export function manifestOf(value: unknown): unknown {
	return typeof value === 'object' && value !== null && HANDLE in value
		? (value as Record<symbol, unknown>)[HANDLE]
		: value;
}

/** Checks a manifest's shape; the message names the field and the plugin folder. */
export function validateManifest(exported: unknown, where: string): PluginManifest {
	const value = manifestOf(exported);
	const result = manifestShape.safeParse(value);
	if (!result.success) {
		const issue = result.error.issues[0];
		throw new Error(
			`Invalid plugin manifest in ${where}: ${issue?.path.join('.') || 'export'} ${issue?.message ?? 'is invalid'}`,
		);
	}
	return value as PluginManifest;
}
