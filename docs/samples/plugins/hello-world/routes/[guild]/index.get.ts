import { Route } from '@sapphire/plugin-api';
import { guildOf, sendPluginPage } from 'foyer';
import plugin from '../../plugin.ts';

/** GET /hello-world/<guild>: the plugin's page in the dashboard (login, Manage Server), with its settings form. */
export class HelloWorldPageRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const { joins = 0 } = await plugin.counters.read(guildOf(request).id);
		await sendPluginPage(request, response, {
			pluginId: plugin.id,
			figures: [{ label: 'Members who joined', value: joins }],
		});
	}
}
