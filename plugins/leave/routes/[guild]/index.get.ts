import { Route } from '@sapphire/plugin-api';
import { guildOf, sendPluginPage } from 'foyer';

export class LeavePageRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const counts = await this.container.counters.read('leave', guildOf(request).id);
		await sendPluginPage(request, response, {
			pluginId: 'leave',
			figures: [{ label: 'Goodbyes said', value: counts.goodbyes ?? 0 }],
			actions: [
				{
					label: 'Send a test message',
					path: 'test',
					help: 'Says goodbye to you in the configured channel (you stay).',
				},
			],
		});
	}
}
