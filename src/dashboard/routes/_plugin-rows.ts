import { container } from '@sapphire/framework';
import type { Guild } from 'discord.js';
import { manifestTexts } from '../http/page-locale.ts';

export interface PluginRow {
	id: string;
	name: string;
	version: string;
	description: string;
	enabled: boolean;
	hasSettings: boolean;
	pages: { label: string; href: string }[];
}

/** The loaded plugins as one guild sees them: enabled there or not, their settings and pages. */
export function pluginRows(guild: Guild, locale: string): PluginRow[] {
	const plugins = container.plugins;
	const rows: PluginRow[] = [];
	for (const info of plugins.list()) {
		if (info.status !== 'loaded' || !info.id) continue;
		rows.push(pluginRow(guild, info.id, locale));
	}
	return rows.sort((a, b) => a.name.localeCompare(b.name, locale));
}

/** One plugin's row, in the page's language (its catalog's name, description and page names). */
export function pluginRow(guild: Guild, id: string, locale: string): PluginRow {
	const manifest = container.plugins.get(id);
	if (!manifest) throw new Error(`No plugin "${id}" is loaded`);
	const texts = manifestTexts(manifest, locale);
	return {
		id,
		name: texts.name,
		version: manifest.version,
		description: texts.description,
		enabled: container.plugins.isEnabledIn(id, guild.id),
		hasSettings: Object.keys(manifest.settings ?? {}).length > 0,
		pages: (manifest.navigation ?? []).map((n) => ({
			label: texts.navigation(n),
			href: `/${id}/${guild.id}${n.path ? `/${n.path}` : ''}`,
		})),
	};
}
