import { Route } from '@sapphire/plugin-api';
import { requestContext } from '../http/request-context.ts';
import { guildOf, renderView, sendPage } from '../http/respond.ts';
import { pluginRows } from './_plugin-rows.ts';

const NUMBER = new Intl.NumberFormat('en-US');

/** A server's overview: key figures and every plugin with its state there, switchable in place. */
export class DashboardGuildOverviewRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'guilds/[guild]', methods: ['GET'] });
	}

	override run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const plugins = pluginRows(guild);
		const figures = [
			{ label: 'Members', value: NUMBER.format(guild.memberCount) },
			{ label: 'Channels', value: NUMBER.format(guild.channels.cache.size) },
			{ label: 'Roles', value: NUMBER.format(guild.roles.cache.size) },
			{ label: 'Plugins on', value: `${plugins.filter((p) => p.enabled).length} / ${plugins.length}` },
		];
		const body = renderView('pages/overview', {
			guild: { id: guild.id, name: guild.name },
			figures,
			plugins,
			csrf: requestContext(request).session?.csrfToken ?? '',
		});
		sendPage(request, response, { title: guild.name, body, active: 'overview' });
	}
}
