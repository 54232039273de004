import { Route } from '@sapphire/plugin-api';
import { guildOf, sendPluginPage } from 'foyer';
import plugin from '../../plugin.ts';

export class JoinDmPageRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const counts = await plugin.counters.read(guildOf(request).id);
		await sendPluginPage(request, response, {
			pluginId: plugin.id,
			figures: [
				{ label: 'DMs sent', value: counts.sent ?? 0 },
				{ label: 'Members with closed DMs', value: counts.failed ?? 0 },
			],
			actions: [{ label: 'Send me a test DM', path: 'test' }],
		});
	}
}
