import { container } from '@sapphire/framework';
import type { Guild } from 'discord.js';
import type { OverviewFigure } from '../../core/plugins/manifest.ts';
import { manifestTexts } from '../http/page-locale.ts';
import { overviewFormat } from './overview-format.ts';

export interface PluginCard {
	id: string;
	name: string;
	enabled: boolean;
	href: string | null;
	/** null when the plugin's figures failed or took too long. */
	figures: { label: string; value: string; warn: boolean }[] | null;
}

/** A plugin's figures may not hold the overview up longer than this. */
const FIGURES_TIMEOUT_MS = 1_000;

async function figuresOf(
	id: string,
	read: (guild: Guild) => OverviewFigure[] | Promise<OverviewFigure[]>,
	guild: Guild,
	locale: string,
): Promise<PluginCard['figures']> {
	let timer: NodeJS.Timeout | undefined;
	try {
		const figures = await Promise.race([
			Promise.resolve().then(() => read(guild)),
			new Promise<null>((resolve) => {
				timer = setTimeout(() => resolve(null), FIGURES_TIMEOUT_MS);
			}),
		]);
		if (!Array.isArray(figures)) return null;
		return figures.slice(0, 4).map((f) => ({
			label: String(f.label),
			value: typeof f.value === 'number' ? overviewFormat(locale).number(f.value) : String(f.value),
			warn: f.warn === true && typeof f.value === 'number' && f.value > 0,
		}));
	} catch (error) {
		container.log.warn({ plugin: id, guild: guild.id, err: error }, 'Could not read overview figures');
		return null;
	} finally {
		clearTimeout(timer);
	}
}

/**
 * One card per loaded plugin that has overview figures (the manifest's `overview`), read in parallel;
 * a plugin off in this guild still shows what it counted while it was on. A plugin writes its figures'
 * labels in the server's language (`plugin.t(key, { guild: guild.id })`), the language of its pages.
 */
export async function pluginCards(guild: Guild, locale: string): Promise<PluginCard[]> {
	const plugins = container.plugins;
	const cards: Promise<PluginCard>[] = [];
	for (const info of plugins.list()) {
		const manifest = info.status === 'loaded' && info.id ? plugins.get(info.id) : undefined;
		const read = manifest?.overview;
		if (!manifest || !read) continue;
		const page = manifest.navigation?.[0];
		cards.push(
			figuresOf(manifest.id, read, guild, locale).then((figures) => ({
				id: manifest.id,
				name: manifestTexts(manifest, locale).name,
				enabled: plugins.isEnabledIn(manifest.id, guild.id),
				href: page ? `/${manifest.id}/${guild.id}${page.path ? `/${page.path}` : ''}` : null,
				figures,
			})),
		);
	}
	return (await Promise.all(cards)).sort((a, b) => a.name.localeCompare(b.name, locale));
}
