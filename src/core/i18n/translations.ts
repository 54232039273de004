import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

export const DEFAULT_LOCALE = 'en-US';

type Catalog = Map<string, string>;

/** Flattens `{ "welcome": { "title": "Hi" } }` into `welcome.title`. */
function flatten(value: unknown, prefix: string, out: Catalog, file: string): void {
	if (typeof value === 'string') {
		out.set(prefix, value);
		return;
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		throw new Error(`${file}: "${prefix}" must be a string or an object of strings`);
	for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out, file);
}

/**
 * Each plugin's `languages/<locale>.json`, one namespace per plugin. `t()` falls back to en-US and
 * then to the key itself, so a missing translation shows up as its key instead of breaking a reply.
 */
export class Translations {
	readonly #plugins = new Map<string, Map<string, Catalog>>();

	/** Reads (or re-reads, on reload) a plugin's languages folder; a bad file fails the plugin's load. */
	async load(pluginId: string, pluginDir: string): Promise<void> {
		const dir = join(pluginDir, 'languages');
		const locales = new Map<string, Catalog>();
		let files: string[] = [];
		try {
			files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
		} catch {
			// no languages folder: nothing to load
		}
		for (const file of files) {
			const path = join(dir, file);
			let parsed: unknown;
			try {
				parsed = JSON.parse(await readFile(path, 'utf8'));
			} catch (error) {
				throw new Error(`${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
			}
			const catalog: Catalog = new Map();
			flatten(parsed, '', catalog, path);
			locales.set(basename(file, '.json'), catalog);
		}
		this.#plugins.set(pluginId, locales);
	}

	drop(pluginId: string): void {
		this.#plugins.delete(pluginId);
	}

	t(pluginId: string, key: string, options: { locale?: string; vars?: Record<string, string | number> } = {}): string {
		const locales = this.#plugins.get(pluginId);
		const text =
			locales?.get(options.locale ?? DEFAULT_LOCALE)?.get(key) ?? locales?.get(DEFAULT_LOCALE)?.get(key) ?? key;
		return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
			options.vars && name in options.vars ? String(options.vars[name]) : whole,
		);
	}
}
