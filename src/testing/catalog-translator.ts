import { type Translate, Translations } from '../core/i18n/translations.ts';

/**
 * A plugin's `languages/` catalogs as `t` in one locale, without starting Foyer: for pure tests of
 * helpers that take a translator (`describeDelay(90, t)`).
 */
export async function catalogTranslator(pluginDir: string, locale: string): Promise<Translate> {
	const i18n = new Translations();
	await i18n.load('plugin', pluginDir);
	return i18n.translator('plugin', locale);
}
