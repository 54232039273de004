import { Route } from '@sapphire/plugin-api';
import { guildOf, pageLocale, sendPluginPage } from 'foyer';
import plugin from '../../plugin.ts';

export class JoinDmPageRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const counts = await plugin.counters.read(guildOf(request).id);
		const t = plugin.translator({ locale: pageLocale(request) });
		await sendPluginPage(request, response, {
			pluginId: plugin.id,
			figures: [
				{ label: t('page.sent'), value: counts.sent ?? 0 },
				{ label: t('page.closed'), value: counts.failed ?? 0 },
			],
			actions: [{ label: t('page.test'), path: 'test' }],
		});
	}
}
