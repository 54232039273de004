import { container } from '@sapphire/framework';
import type { ApiRequest } from '@sapphire/plugin-api';
import { DEFAULT_LOCALE, type Locale } from '../../core/i18n/locales.ts';
import { ManifestTexts } from '../../core/i18n/manifest-texts.ts';
import { localeFromAcceptLanguage } from '../../core/i18n/negotiate.ts';
import type { Translate } from '../../core/i18n/translations.ts';
import { CORE_EMITTER } from '../../core/plugins/kit/event-bus.ts';
import type { PluginManifest } from '../../core/plugins/manifest.ts';
import { requestContext } from './request-context.ts';

/**
 * The language of a dashboard page. A server's pages speak the language the server chose (the
 * admins chose it for everyone there, and the previews show what members will read); pages of no
 * server (the guild picker, the login, the plugin manager, errors before a server is known) follow
 * the browser's `Accept-Language`, which is also there before login. English otherwise.
 */
export function pageLocale(request: ApiRequest): Locale {
	const guild = requestContext(request).guild;
	if (guild) return container.plugins.language(guild.id);
	return localeFromAcceptLanguage(request.headers['accept-language']) ?? DEFAULT_LOCALE;
}

/** The core dashboard's words (`dashboard.*` in src/core/i18n/languages) in `locale`. */
export function dashboardTexts(locale: string): Translate {
	return (key, vars) =>
		container.plugins.i18n.t(CORE_EMITTER, `dashboard.${key}`, { locale, ...(vars ? { vars } : {}) });
}

/** The core dashboard's words for this request's page. */
export function pageTexts(request: ApiRequest): Translate {
	return dashboardTexts(pageLocale(request));
}

/** A plugin's name, description, navigation and settings labels in `locale`. */
export function manifestTexts(manifest: Pick<PluginManifest, 'id' | 'name' | 'description'>, locale: string) {
	return new ManifestTexts(container.plugins.i18n, manifest, locale);
}
