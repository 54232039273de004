import { Route } from '@sapphire/plugin-api';
import { auditActionLabel } from '../audit/action-label.ts';
import { runningDashboard } from '../container.ts';
import { dashboardTexts, pageLocale } from '../http/page-locale.ts';
import { guildOf, renderView, sendFragment, sendPage } from '../http/respond.ts';

const ACTIONS = ['plugin.enable', 'plugin.disable', 'settings.update', 'language.update'];

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : undefined;
}

/** Every dashboard change on this server (who, what, before and after, when), filterable. */
export class DashboardGuildAuditRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'guilds/[guild]/audit', methods: ['GET'] });
	}

	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const filter = {
			plugin: text(request.query.plugin),
			userId: text(request.query.user),
			action: text(request.query.action),
		};
		const entries = await runningDashboard().audit.list({
			guildId: guild.id,
			...(filter.plugin ? { plugin: filter.plugin } : {}),
			...(filter.userId ? { userId: filter.userId } : {}),
			...(filter.action ? { action: filter.action } : {}),
			limit: 200,
		});
		const locale = pageLocale(request);
		const rows = entries.map((e) => ({
			...e,
			actionLabel: auditActionLabel(e.action, locale),
			when: new Date(e.at).toISOString().replace('T', ' ').slice(0, 19),
			before: e.before === null ? '' : JSON.stringify(e.before, null, 1),
			after: e.after === null ? '' : JSON.stringify(e.after, null, 1),
		}));
		const plugins = this.container.plugins
			.list()
			.map((p) => p.id)
			.filter((id): id is string => id !== null);
		const table = renderView('partials/audit-table', { locale, rows });
		if (request.headers['hx-request'] === 'true' && request.headers['hx-target']?.toString().includes('audit-table')) {
			sendFragment(response, 200, table);
			return;
		}
		const body = renderView('pages/audit', {
			locale,
			guildId: guild.id,
			filter,
			plugins,
			actions: ACTIONS.map((a) => ({ value: a, label: auditActionLabel(a, locale) })),
			table,
		});
		sendPage(request, response, { title: dashboardTexts(locale)('audit.title'), body, active: 'audit' });
	}
}
