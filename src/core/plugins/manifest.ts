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

/**
 * What a plugin declares in its `plugin.ts`. Built-in and third-party plugins use exactly this
 * contract; the folders next to it (listeners/, commands/, routes/, scheduled-tasks/, views/)
 * hold its pieces.
 */
export interface PluginManifest<S extends SettingsSchema = SettingsSchema> {
	/** Stable id: lowercase letters, digits and dashes. Namespaces the plugin's pieces, tables and settings. */
	id: string;
	name: string;
	version: string;
	description: string;
	/** Ids of plugins that must be loaded first; this plugin may use their published services. */
	dependsOn?: string[];
	settings?: S;
	// biome-ignore lint/suspicious/noExplicitAny: entity schemas are generic over their entity type
	entities?: EntitySchema<any, any>[];
	migrations?: PluginMigration[];
	navigation?: PluginNavigationEntry[];
	/** Whether the plugin is on in a guild that never chose (default true). */
	enabledByDefault?: boolean;
	/**
	 * The plugin's card on the server overview: its key figures there. Called on each overview view
	 * (keep it to a read or two); a failure or a slow answer (over 1 s) shows the card without figures.
	 */
	overview?: (guild: Guild) => OverviewFigure[] | Promise<OverviewFigure[]>;
}

export function definePlugin<S extends SettingsSchema>(manifest: PluginManifest<S>): PluginManifest<S> {
	return manifest;
}

/** The dashboard's own first URL segments; plugin routes mount at /<plugin-id>/. */
const RESERVED_IDS = new Set(['admin', 'assets', 'guilds', 'login', 'logout', 'oauth']);

const manifestShape = z.object({
	id: z
		.string()
		.regex(
			/^[a-z][a-z0-9-]{1,39}$/,
			'must be 2-40 characters: lowercase letters, digits and dashes, starting with a letter',
		)
		.refine((id) => !RESERVED_IDS.has(id), 'is taken by the dashboard (admin, assets, guilds, login, logout, oauth)'),
	name: z.string().min(1).max(64),
	version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/, 'must be a semantic version like 1.2.3'),
	description: z.string().min(1).max(300),
	dependsOn: z.array(z.string()).optional(),
	settings: z
		.record(z.string(), z.object({ type: z.string(), label: z.string(), default: z.unknown() }).loose())
		.optional(),
	entities: z.array(z.unknown()).optional(),
	migrations: z.array(z.object({ name: z.string().min(1), up: z.function() }).loose()).optional(),
	navigation: z.array(z.object({ label: z.string().min(1), path: z.string() })).optional(),
	enabledByDefault: z.boolean().optional(),
	overview: z.function().optional(),
});

/** Checks a manifest's shape; the message names the field and the plugin folder. */
export function validateManifest(value: unknown, where: string): PluginManifest {
	const result = manifestShape.safeParse(value);
	if (!result.success) {
		const issue = result.error.issues[0];
		throw new Error(
			`Invalid plugin manifest in ${where}: ${issue?.path.join('.') || 'export'} ${issue?.message ?? 'is invalid'}`,
		);
	}
	return value as PluginManifest;
}
