import type { PluginManifest, PluginNavigationEntry } from '../plugins/manifest.ts';
import type { Translations } from './translations.ts';

/**
 * A plugin's own words as the dashboard shows them, in one locale. They come from its catalog when it
 * has them (`manifest.name`, `manifest.description`, `manifest.navigation.<path or "main">`,
 * `settings.<field>.label|help|caveat|pattern`, `settings.<field>.choices.<value>`), else from the
 * manifest itself, so a plugin without `languages/` still reads as it was written.
 */
export class ManifestTexts {
	constructor(
		private readonly i18n: Translations,
		private readonly manifest: Pick<PluginManifest, 'id' | 'name' | 'description'>,
		readonly locale: string,
	) {}

	#find(key: string, fallback: string): string {
		return this.i18n.find(this.manifest.id, key, this.locale) ?? fallback;
	}

	get name(): string {
		return this.#find('manifest.name', this.manifest.name);
	}

	get description(): string {
		return this.#find('manifest.description', this.manifest.description);
	}

	navigation(entry: PluginNavigationEntry): string {
		return this.#find(`manifest.navigation.${navigationKey(entry.path)}`, entry.label);
	}

	setting(field: string, part: 'label' | 'help' | 'caveat' | 'pattern', fallback: string): string {
		return this.#find(`settings.${field}.${part}`, fallback);
	}

	choice(field: string, value: string): string {
		return this.#find(`settings.${field}.choices.${value}`, value);
	}
}

/** The catalog key of a navigation entry: its path, or "main" for the plugin's first page (`''`). */
export function navigationKey(path: string): string {
	return path === '' ? 'main' : path;
}
