import { readFileSync } from 'node:fs';
import { localeChain } from './locales.ts';

type Catalog = Map<string, string>;

const catalogs = new Map<string, Catalog | null>();

function flatten(value: unknown, prefix: string, out: Catalog): void {
	if (typeof value === 'string') out.set(prefix, value);
	else if (typeof value === 'object' && value !== null)
		for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
}

/** The core's catalog of `locale`, read once; null when Foyer has none for it. */
function catalog(locale: string): Catalog | null {
	if (!catalogs.has(locale)) {
		let found: Catalog | null = null;
		try {
			const file = new URL(`./languages/${locale}.json`, import.meta.url);
			found = new Map();
			flatten(JSON.parse(readFileSync(file, 'utf8')), '', found);
		} catch {
			found = null;
		}
		catalogs.set(locale, found);
	}
	return catalogs.get(locale) ?? null;
}

/**
 * A text of the core's catalogs (src/core/i18n/languages) in `locale`, then its language, then
 * English, then the key. For the core's pure helpers (the role and channel checks, the message
 * renderer), which run in unit tests and in plugins' pure tests without a running Foyer: they read
 * the same files the plugin manager loads, so one catalog holds every core word.
 */
export function coreText(key: string, locale?: string | null, vars?: Record<string, string | number>): string {
	for (const l of localeChain(locale)) {
		const text = catalog(l)?.get(key);
		if (text !== undefined)
			return text.replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
	}
	return key;
}
