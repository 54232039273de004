import { container } from '@sapphire/framework';
import type { Guild } from 'discord.js';
import { caveatsTurnedOn } from '../../core/settings/settings-schema.ts';
import { dashboardTexts, manifestTexts } from '../http/page-locale.ts';
import { renderView } from '../http/respond.ts';
import type { Session } from '../sessions/session-store.ts';
import { settingsFormModel } from './settings-form.ts';
import { previewPart, templatePreviewHtml } from './template-preview.ts';

export interface SettingsFormState {
	values?: Record<string, unknown>;
	errors?: Record<string, string>;
	saved?: boolean;
	/** Caveats of settings this save turned on (shown with "Saved.", this once). */
	caveats?: string[];
	/** The page showing the form, where a plain (no-JavaScript) post returns after saving. */
	back?: string;
}

/**
 * What the page a plain settings post redirected to shows: "Saved." for `?saved=<plugin>`, and the
 * caveats of the settings named in `on` that are on now (the query names fields, never text).
 */
export function savedState(
	query: Record<string, unknown>,
	pluginId: string,
	guildId: string,
	locale: string,
): SettingsFormState {
	if (query.saved !== pluginId) return {};
	const schema = container.plugins.get(pluginId)?.settings ?? {};
	const current = container.plugins.settings(pluginId, guildId) as Record<string, unknown>;
	const named = String(query.on ?? '').split(',');
	return { saved: true, caveats: caveatsIn(pluginId, caveatsTurnedOn(schema, current, named), locale) };
}

/** The caveats of those settings of a plugin, in `locale` (its catalog's `settings.<field>.caveat`). */
export function caveatsIn(pluginId: string, keys: readonly string[], locale: string): string[] {
	const manifest = container.plugins.get(pluginId);
	if (!manifest) return [];
	const texts = manifestTexts(manifest, locale);
	return keys.flatMap((key) => {
		const field = manifest.settings?.[key];
		return field?.type === 'boolean' && field.caveat ? [texts.setting(key, 'caveat', field.caveat)] : [];
	});
}

/**
 * A plugin's generated settings form for a guild, posting to the core's settings route, with live
 * previews under its template fields. Plugin pages embed it; the core's settings page is just it.
 * Everything in it (labels, help, errors, previews' words) is in `locale`, the page's.
 */
export async function renderSettingsForm(
	guild: Guild,
	pluginId: string,
	session: Session,
	state: SettingsFormState,
	locale: string,
): Promise<string> {
	const manifest = container.plugins.get(pluginId);
	if (!manifest) throw new Error(`No plugin "${pluginId}" is loaded`);
	const schema = manifest.settings ?? {};
	const values = state.values ?? (container.plugins.settings(pluginId, guild.id) as Record<string, unknown>);
	const errors = state.errors ?? {};
	const previews: Record<string, string> = {};
	for (const [key, field] of Object.entries(schema))
		if (field.type === 'string' && field.template)
			previews[key] = await templatePreviewHtml(
				guild,
				session.userId,
				String(values[key] ?? ''),
				previewPart(field.preview),
				locale,
			);
	const unknown = Object.keys(errors).filter((k) => !(k in schema));
	const t = dashboardTexts(locale);
	return renderView('partials/settings-form', {
		locale,
		action: `/guilds/${guild.id}/plugins/${pluginId}/settings`,
		previewUrl: `/guilds/${guild.id}/template-preview`,
		previews,
		csrf: session.csrfToken,
		back: state.back ?? `/guilds/${guild.id}/plugins/${pluginId}/settings`,
		fields: settingsFormModel(guild, schema, values, errors, manifestTexts(manifest, locale)),
		saved: state.saved ?? false,
		caveats: state.caveats ?? [],
		formError: unknown.length
			? t('form.unknownFields', { fields: unknown.join(', ') })
			: Object.keys(errors).length
				? t('form.fixFields')
				: null,
	});
}
