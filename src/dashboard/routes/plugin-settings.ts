import { Route } from '@sapphire/plugin-api';
import { caveatsTurnedOn } from '../../core/settings/settings-schema.ts';
import { renderSettingsForm } from '../forms/render-settings-form.ts';
import { settingsInput } from '../forms/settings-form.ts';
import { saveSettings } from '../forms/settings-service.ts';
import { isHtmx, requestContext } from '../http/request-context.ts';
import { guildOf, renderView, sendError, sendFragment, sendPage } from '../http/respond.ts';

/**
 * The settings form generated from a plugin's schema. GET shows it; POST validates, saves and
 * answers the form again (the fragment for htmx) with errors next to their fields.
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
			state = result.ok
				? { saved: true, caveats: caveatsTurnedOn(manifest.settings ?? {}, result.values, result.changed) }
				: { values: result.values, errors: result.errors };
			if (!result.ok) status = 422;
		}
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
