import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DEFAULT_LOCALE, LOCALES, localeChain } from './locales.ts';

export { DEFAULT_LOCALE };

type Catalog = Map<string, string>;

/**
 * A translator bound to a plugin and a locale. `locale` (when the kit made it) says which one was
 * asked for, so a helper can word the core's parts of a sentence (a role problem) the same way.
 */
export type Translate = ((key: string, vars?: Record<string, string | number>) => string) & {
	readonly locale?: string | null;
};

/** `{name}` placeholders filled from `vars`; unknown ones stay as written. */
function fill(text: string, vars: Record<string, string | number> | undefined): string {
	return text.replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
}

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

	/** The text of `key` in the best locale for `options.locale` (its language, then English, then the key itself). */
	t(
		pluginId: string,
		key: string,
		options: { locale?: string | null; vars?: Record<string, string | number> } = {},
	): string {
		return fill(this.find(pluginId, key, options.locale) ?? key, options.vars);
	}

	/** `t` bound to one plugin and one locale: what a page passes its views as `it.t(key, vars)`. */
	translator(pluginId: string, locale: string | null | undefined): Translate {
		const t = (key: string, vars?: Record<string, string | number>) =>
			this.t(pluginId, key, { locale, ...(vars ? { vars } : {}) });
		return Object.assign(t, { locale: locale ?? null });
	}

	/** Whether a plugin has any catalog (a `languages/` folder with at least one file). */
	has(pluginId: string): boolean {
		return (this.#plugins.get(pluginId)?.size ?? 0) > 0;
	}

	/** The text of `key` in the best available locale, or undefined when no catalog has it. */
	find(pluginId: string, key: string, locale?: string | null): string | undefined {
		const locales = this.#plugins.get(pluginId);
		for (const l of localeChain(locale)) {
			const text = locales?.get(l)?.get(key);
			if (text !== undefined) return text;
		}
		return undefined;
	}

	/**
	 * Discord's localizations of a command name or description: `{ 'es-ES': '...' }` for every
	 * supported locale other than English whose catalog has `key`.
	 */
	localizations(
		pluginId: string,
		key: string,
		vars?: Record<string, string | number>,
	): Partial<Record<string, string>> {
		const out: Partial<Record<string, string>> = {};
		for (const locale of LOCALES) {
			if (locale === DEFAULT_LOCALE) continue;
			const text = this.#plugins.get(pluginId)?.get(locale)?.get(key);
			if (text !== undefined) out[locale] = fill(text, vars);
		}
		return out;
	}

	/** Keys present in one locale of a plugin and missing in another (for the catalogs' completeness test). */
	missing(pluginId: string): { locale: string; key: string }[] {
		const locales = this.#plugins.get(pluginId);
		if (!locales) return [];
		const all = new Set([...locales.values()].flatMap((c) => [...c.keys()]));
		const out: { locale: string; key: string }[] = [];
		for (const locale of LOCALES) for (const key of all) if (!locales.get(locale)?.has(key)) out.push({ locale, key });
		return out;
	}
}
