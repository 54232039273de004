import { Route } from '@sapphire/plugin-api';
import { guildOf, sendPluginPage } from 'foyer';
import plugin from '../../plugin.ts';

export class JoinPageRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const counts = await plugin.counters.read(guildOf(request).id);
		await sendPluginPage(request, response, {
			pluginId: plugin.id,
			figures: [
				{ label: 'Members welcomed', value: counts.welcomed ?? 0 },
				{ label: 'Messages sent', value: counts.messages ?? 0 },
			],
			actions: [{ label: 'Send a test message', path: 'test', help: 'Welcomes you in the configured channel.' }],
		});
	}
}
