/** The languages Foyer speaks: Discord's locale codes. */
export const LOCALES = ['en-US', 'es-ES'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en-US';

/** The names admins choose from, each in its own language. */
export const LOCALE_NAMES: Record<Locale, string> = { 'en-US': 'English', 'es-ES': 'Español' };

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The locales to try for a requested one, best first: itself, then the supported locale of the same
 * language (Discord's `es-419` or `en-GB` reach `es-ES` and `en-US`), then English.
 */
export function localeChain(requested: string | null | undefined): string[] {
	const chain: string[] = [];
	if (requested) chain.push(requested);
	const language = requested?.split('-')[0];
	const sibling = LOCALES.find((l) => l.split('-')[0] === language);
	if (sibling && !chain.includes(sibling)) chain.push(sibling);
	if (!chain.includes(DEFAULT_LOCALE)) chain.push(DEFAULT_LOCALE);
	return chain;
}
