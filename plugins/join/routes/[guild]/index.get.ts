import { Route } from '@sapphire/plugin-api';
import { guildOf, pageLocale, sendPluginPage } from 'foyer';
import plugin from '../../plugin.ts';

export class JoinPageRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const counts = await plugin.counters.read(guildOf(request).id);
		const t = plugin.translator({ locale: pageLocale(request) });
		await sendPluginPage(request, response, {
			pluginId: plugin.id,
			figures: [
				{ label: t('page.welcomed'), value: counts.welcomed ?? 0 },
				{ label: t('page.messages'), value: counts.messages ?? 0 },
			],
			actions: [{ label: t('page.test'), path: 'test', help: t('page.testHelp') }],
		});
	}
}
