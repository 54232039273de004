import { Route } from '@sapphire/plugin-api';
import { caveatsTurnedOn } from '../../core/settings/settings-schema.ts';
import { caveatsIn, renderSettingsForm, savedState } from '../forms/render-settings-form.ts';
import { settingsInput } from '../forms/settings-form.ts';
import { saveSettings } from '../forms/settings-service.ts';
import { field } from '../http/body.ts';
import { manifestTexts, pageLocale, pageTexts } from '../http/page-locale.ts';
import { isHtmx, requestContext } from '../http/request-context.ts';
import { guildOf, redirect, renderView, sendError, sendFragment, sendPage } from '../http/respond.ts';
import { safeNext } from './_safe-next.ts';

/**
 * The settings form generated from a plugin's schema. GET shows it; POST validates and saves. htmx
 * gets the form again, with errors next to their fields (422) or "Saved."; a plain form post that
 * saved is sent back to the page it came from (303, `?saved=<plugin>` shows "Saved." there), one
 * that did not gets the page with the errors (422).
 */
export class DashboardPluginSettingsRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'guilds/[guild]/plugins/[plugin]/settings', methods: ['GET', 'POST'] });
	}

	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const { session, body } = requestContext(request);
		const id = String(request.params.plugin);
		const manifest = this.container.plugins.get(id);
		if (!manifest || !session) return sendError(request, response, 404, pageTexts(request)('error.noPlugin', { id }));
		const locale = pageLocale(request);
		const schema = manifest.settings ?? {};
		let state = {};
		let status = 200;
		if (request.method === 'POST') {
			const result = await saveSettings(guild, id, settingsInput(schema, body), session, locale);
			const turnedOn = result.ok ? caveatsTurnedOn(schema, result.values, result.changed) : [];
			if (result.ok && !isHtmx(request)) {
				// Back to a page of this site only; anything else returns to this form.
				const asked = field(body, '_back') ?? '';
				const back = (safeNext(asked) === asked ? asked : safeNext(request.url)).replace(/[?#].*$/, '');
				// The settings just turned on travel by name, so the page after the redirect shows their caveats.
				const on = turnedOn.length ? `&on=${encodeURIComponent(turnedOn.join(','))}` : '';
				return redirect(response, `${back}?saved=${encodeURIComponent(id)}${on}`);
			}
			state = result.ok
				? { saved: true, caveats: caveatsIn(id, turnedOn, locale) }
				: { values: result.values, errors: result.errors };
			if (!result.ok) status = 422;
		} else state = savedState(request.query, id, guild.id, locale);
		const form = await renderSettingsForm(guild, id, session, state, locale);
		if (isHtmx(request) && request.method === 'POST') {
			sendFragment(response, status, form);
			return;
		}
		const texts = manifestTexts(manifest, locale);
		const page = renderView('pages/plugin-settings', {
			locale,
			plugin: { id, name: texts.name, description: texts.description },
			form,
		});
		const nav = manifest.navigation?.[0];
		const active = nav ? `plugin:${id}:${nav.path}` : 'overview';
		const title = pageTexts(request)('pluginPage.settingsTitle', { name: texts.name });
		sendPage(request, response, { title, body: page, status, active });
	}
}
