import { container } from '@sapphire/framework';
import type { ApiRequest, ApiResponse } from '@sapphire/plugin-api';
import { renderSettingsForm, savedState } from './forms/render-settings-form.ts';
import { manifestTexts, pageLocale, pageTexts } from './http/page-locale.ts';
import { requestContext } from './http/request-context.ts';
import { guildOf, renderView, sendError, sendPage } from './http/respond.ts';

export interface PluginPageOptions {
	pluginId: string;
	/** Key figures shown above the form (messages sent, DMs failed...). */
	figures?: { label: string; value: string | number }[];
	/** Buttons that post to the plugin's own routes, e.g. "Send a test message" → `test`. */
	actions?: { label: string; path: string; help?: string }[];
	/** Trusted HTML (an escaping template's output) placed under the form. */
	extra?: string;
	/** Warnings shown at the top, e.g. the last error while assigning roles. */
	notices?: string[];
	/** HTTP status, e.g. 422 when `extra` shows a refused form. */
	status?: number;
}

/**
 * A plugin's dashboard page in the standard shape: figures, notices, the settings form generated
 * from its schema (with live previews of templates) and its action buttons. For `[guild]` routes.
 */
export async function sendPluginPage(request: ApiRequest, response: ApiResponse, options: PluginPageOptions) {
	const guild = guildOf(request);
	const session = requestContext(request).session;
	const manifest = container.plugins.get(options.pluginId);
	if (!manifest || !session)
		return sendError(request, response, 404, pageTexts(request)('error.noPlugin', { id: options.pluginId }));
	const hasSettings = Object.keys(manifest.settings ?? {}).length > 0;
	const locale = pageLocale(request);
	const texts = manifestTexts(manifest, locale);
	const body = renderView('pages/plugin-page', {
		locale,
		plugin: { id: manifest.id, name: texts.name, description: texts.description },
		guildId: guild.id,
		enabled: container.plugins.isEnabledIn(manifest.id, guild.id),
		figures: (options.figures ?? []).map((f) => ({ label: f.label, value: String(f.value) })),
		notices: options.notices ?? [],
		form: hasSettings
			? await renderSettingsForm(
					guild,
					manifest.id,
					session,
					{
						back: new URL(request.url ?? '/', 'http://x').pathname,
						...savedState(request.query, manifest.id, guild.id, locale),
					},
					locale,
				)
			: '',
		actions: (options.actions ?? []).map((a) => ({ ...a, href: `/${manifest.id}/${guild.id}/${a.path}` })),
		csrf: session.csrfToken,
		extra: options.extra ?? '',
	});
	const nav = (manifest.navigation ?? [])[0];
	sendPage(request, response, {
		title: texts.name,
		body,
		active: `plugin:${manifest.id}:${nav?.path ?? ''}`,
		...(options.status ? { status: options.status } : {}),
	});
}
