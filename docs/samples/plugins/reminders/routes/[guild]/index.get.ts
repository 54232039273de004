import { Route } from '@sapphire/plugin-api';
import { guildOf, sendPluginPage } from 'foyer';
import plugin from '../../plugin.ts';

/** GET /reminders/<guild>: figures, the settings form (from the schema) and a help card from views/. */
export class RemindersPageRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const { scheduled = 0, sent = 0 } = await plugin.counters.read(guild.id);
		await sendPluginPage(request, response, {
			pluginId: plugin.id,
			figures: [
				{ label: 'Reminders asked for', value: scheduled },
				{ label: 'Reminders sent', value: sent },
			],
			extra: plugin.views.render('help', { max: plugin.settings(guild.id).maxMinutes, guild: guild.name }),
		});
	}
}
