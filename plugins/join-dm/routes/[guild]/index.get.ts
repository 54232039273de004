import { Route } from '@sapphire/plugin-api';
import { guildOf, sendPluginPage } from 'foyer';
import { JoinDmStats } from '../../entities/join-dm-stats.ts';

export class JoinDmPageRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const stats = await this.container.db.em().findOne(JoinDmStats, { guildId: guildOf(request).id });
		await sendPluginPage(request, response, {
			pluginId: 'join-dm',
			figures: [
				{ label: 'DMs sent', value: stats?.sent ?? 0 },
				{ label: 'Members with closed DMs', value: stats?.failed ?? 0 },
			],
			actions: [{ label: 'Send me a test DM', path: 'test' }],
		});
	}
}
