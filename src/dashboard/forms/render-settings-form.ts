import { container } from '@sapphire/framework';
import type { Guild } from 'discord.js';
import { renderView } from '../http/respond.ts';
import type { Session } from '../sessions/session-store.ts';
import { settingsFormModel } from './settings-form.ts';
import { previewPart, templatePreviewHtml } from './template-preview.ts';

export interface SettingsFormState {
	values?: Record<string, unknown>;
	errors?: Record<string, string>;
	saved?: boolean;
	/** The page showing the form, where a plain (no-JavaScript) post returns after saving. */
	back?: string;
}

/**
 * A plugin's generated settings form for a guild, posting to the core's settings route, with live
 * previews under its template fields. Plugin pages embed it; the core's settings page is just it.
 */
export async function renderSettingsForm(
	guild: Guild,
	pluginId: string,
	session: Session,
	state: SettingsFormState = {},
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
			);
	const unknown = Object.keys(errors).filter((k) => !(k in schema));
	return renderView('partials/settings-form', {
		action: `/guilds/${guild.id}/plugins/${pluginId}/settings`,
		previewUrl: `/guilds/${guild.id}/template-preview`,
		previews,
		csrf: session.csrfToken,
		back: state.back ?? `/guilds/${guild.id}/plugins/${pluginId}/settings`,
		fields: settingsFormModel(guild, schema, values, errors),
		saved: state.saved ?? false,
		formError: unknown.length
			? `Unknown field(s): ${unknown.join(', ')}. Nothing was saved.`
			: Object.keys(errors).length
				? 'Nothing was saved: fix the fields marked below.'
				: null,
	});
}
