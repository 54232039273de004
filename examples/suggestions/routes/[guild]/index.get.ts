import { Route } from '@sapphire/plugin-api';
import { guildOf, requestContext, sendPluginPage } from 'foyer';
import { renderSuggestions } from '../../_section.ts';
import plugin from '../../plugin.ts';

/** GET /suggestions/<guild>: the figures, the channel setting and every suggestion with its votes. */
export class SuggestionsPageRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const counts = await plugin.counters.read(guild.id);
		await sendPluginPage(request, response, {
			pluginId: plugin.id,
			figures: [
				{ label: 'Suggested', value: counts.posted ?? 0 },
				{ label: 'Approved', value: counts.approved ?? 0 },
				{ label: 'Declined', value: counts.declined ?? 0 },
			],
			extra: await renderSuggestions(guild, requestContext(request).session?.csrfToken ?? ''),
		});
	}
}
