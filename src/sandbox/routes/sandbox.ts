import { Route } from '@sapphire/plugin-api';
import { runningDashboard } from '../../dashboard/container.ts';
import { dashboardTexts, pageLocale } from '../../dashboard/http/page-locale.ts';
import { requestContext } from '../../dashboard/http/request-context.ts';
import { guildOf, renderView, sendError, sendPage } from '../../dashboard/http/respond.ts';
import { sandboxFeed } from '../sandbox-feed.ts';

/** Sandbox mode only: simulate joins, leaves and commands on the emulated server and watch its channels. */
export class DashboardSandboxRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'guilds/[guild]/sandbox', methods: ['GET'] });
	}

	override async run(request: Route.Request, response: Route.Response) {
		const sandbox = runningDashboard().sandbox;
		const locale = pageLocale(request);
		const t = dashboardTexts(locale);
		if (!sandbox) return sendError(request, response, 404, t('sandbox.only'));
		const guild = guildOf(request);
		const feed = renderView('partials/sandbox-feed', await sandboxFeed(sandbox.emulatorUrl, guild, locale));
		const members = [...guild.members.cache.values()]
			.filter((m) => !m.user.bot && m.id !== guild.ownerId)
			.sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
			.slice(0, 50)
			.map((m) => ({ id: m.id, name: `${m.displayName} (@${m.user.username})` }));
		const channels = [...guild.channels.cache.values()]
			.filter((c) => c.isTextBased())
			.map((c) => ({ id: c.id, name: c.name }));
		const body = renderView('pages/sandbox', {
			locale,
			guildId: guild.id,
			csrf: requestContext(request).session?.csrfToken ?? '',
			members,
			channels,
			feed,
		});
		sendPage(request, response, { title: t('sandbox.title'), body, active: 'sandbox' });
	}
}
