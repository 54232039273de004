import { Route } from '@sapphire/plugin-api';
import { guildOf, sendPluginPage } from 'foyer';

export class JoinPageRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const counts = await this.container.counters.read('join', guildOf(request).id);
		await sendPluginPage(request, response, {
			pluginId: 'join',
			figures: [
				{ label: 'Members welcomed', value: counts.welcomed ?? 0 },
				{ label: 'Messages sent', value: counts.messages ?? 0 },
			],
			actions: [{ label: 'Send a test message', path: 'test', help: 'Welcomes you in the configured channel.' }],
		});
	}
}
