import { Route } from '@sapphire/plugin-api';
import { runningDashboard } from '../container.ts';
import { field } from '../http/body.ts';
import { pageLocale, pageTexts } from '../http/page-locale.ts';
import { isHtmx, requestContext } from '../http/request-context.ts';
import { guildOf, redirect, renderView, sendError, sendFragment } from '../http/respond.ts';
import { pluginRow } from './_plugin-rows.ts';

/** Turns a plugin on or off in one server (form field `enabled`: on/off), recorded in the audit log. */
export class DashboardPluginEnabledRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'guilds/[guild]/plugins/[plugin]/enabled', methods: ['POST'] });
	}

	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const { session, body } = requestContext(request);
		const id = String(request.params.plugin);
		const t = pageTexts(request);
		if (!this.container.plugins.isLoaded(id)) return sendError(request, response, 404, t('error.noPlugin', { id }));
		const raw = field(body, 'enabled');
		if (raw !== 'on' && raw !== 'off') return sendError(request, response, 400, t('pluginRow.badEnabled'));
		const before = this.container.plugins.isEnabledIn(id, guild.id);
		const enabled = raw === 'on';
		if (before !== enabled) {
			await this.container.plugins.setEnabled(id, guild.id, enabled);
			await runningDashboard().record({
				guildId: guild.id,
				userId: session?.userId ?? '',
				username: session?.username ?? '',
				action: enabled ? 'plugin.enable' : 'plugin.disable',
				plugin: id,
				before: { enabled: before },
				after: { enabled },
			});
		}
		if (!isHtmx(request)) return redirect(response, `/guilds/${guild.id}`);
		const locale = pageLocale(request);
		const html = renderView('partials/plugin-row', {
			locale,
			guildId: guild.id,
			plugin: pluginRow(guild, id, locale),
			csrf: session?.csrfToken ?? '',
		});
		sendFragment(response, 200, html);
	}
}
