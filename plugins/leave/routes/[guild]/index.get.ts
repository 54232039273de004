import { Route } from '@sapphire/plugin-api';
import { guildOf, sendPluginPage } from 'foyer';
import plugin from '../../plugin.ts';

export class LeavePageRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const counts = await plugin.counters.read(guildOf(request).id);
		await sendPluginPage(request, response, {
			pluginId: plugin.id,
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
