import { container } from '@sapphire/framework';
import type { Guild } from 'discord.js';

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
export function pluginRows(guild: Guild): PluginRow[] {
	const plugins = container.plugins;
	const rows: PluginRow[] = [];
	for (const info of plugins.list()) {
		if (info.status !== 'loaded' || !info.id) continue;
		rows.push(pluginRow(guild, info.id));
	}
	return rows.sort((a, b) => a.name.localeCompare(b.name));
}

export function pluginRow(guild: Guild, id: string): PluginRow {
	const manifest = container.plugins.get(id);
	if (!manifest) throw new Error(`No plugin "${id}" is loaded`);
	return {
		id,
		name: manifest.name,
		version: manifest.version,
		description: manifest.description,
		enabled: container.plugins.isEnabledIn(id, guild.id),
		hasSettings: Object.keys(manifest.settings ?? {}).length > 0,
		pages: (manifest.navigation ?? []).map((n) => ({
			label: n.label,
			href: `/${id}/${guild.id}${n.path ? `/${n.path}` : ''}`,
		})),
	};
}
