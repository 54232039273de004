import { Route } from '@sapphire/plugin-api';
import { renderSettingsForm } from '../forms/render-settings-form.ts';
import { settingsInput } from '../forms/settings-form.ts';
import { saveSettings } from '../forms/settings-service.ts';
import { field } from '../http/body.ts';
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
		if (!manifest || !session) return sendError(request, response, 404, `No plugin "${id}" is loaded.`);
		let state = {};
		let status = 200;
		if (request.method === 'POST') {
			const result = await saveSettings(guild, id, settingsInput(manifest.settings ?? {}, body), session);
			if (result.ok && !isHtmx(request)) {
				// Back to a page of this site only; anything else returns to this form.
				const asked = field(body, '_back') ?? '';
				const back = (safeNext(asked) === asked ? asked : safeNext(request.url)).replace(/[?#].*$/, '');
				return redirect(response, `${back}?saved=${encodeURIComponent(id)}`);
			}
			state = result.ok ? { saved: true } : { values: result.values, errors: result.errors };
			if (!result.ok) status = 422;
		} else if (request.query.saved === id) state = { saved: true };
		const form = await renderSettingsForm(guild, id, session, state);
		if (isHtmx(request) && request.method === 'POST') {
			sendFragment(response, status, form);
			return;
		}
		const page = renderView('pages/plugin-settings', {
			plugin: { id, name: manifest.name, description: manifest.description },
			form,
		});
		const nav = manifest.navigation?.[0];
		const active = nav ? `plugin:${id}:${nav.path}` : 'overview';
		sendPage(request, response, { title: `${manifest.name} settings`, body: page, status, active });
	}
}
