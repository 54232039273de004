import { Route } from '@sapphire/plugin-api';
import { auditActionLabel } from '../audit/action-label.ts';
import { runningDashboard } from '../container.ts';
import { dashboardTexts, pageLocale } from '../http/page-locale.ts';
import { requestContext } from '../http/request-context.ts';
import { renderView, sendPage } from '../http/respond.ts';
import { adminPluginRows } from './_admin-model.ts';

/** The bot owners' plugin manager: every plugin with version and status, load errors, and actions. */
export class DashboardAdminPluginsRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'admin/plugins', methods: ['GET'] });
	}

	override async run(request: Route.Request, response: Route.Response) {
		const csrf = requestContext(request).session?.csrfToken ?? '';
		const locale = pageLocale(request);
		const table = renderView('partials/admin-plugins', { locale, rows: await adminPluginRows(), csrf, message: null });
		const entries = await runningDashboard().audit.list({ guildId: null, limit: 20 });
		const audit = renderView('partials/audit-table', {
			locale,
			rows: entries.map((e) => ({
				...e,
				actionLabel: auditActionLabel(e.action, locale),
				when: new Date(e.at).toISOString().replace('T', ' ').slice(0, 19),
				before: e.before === null ? '' : JSON.stringify(e.before),
				after: e.after === null ? '' : JSON.stringify(e.after),
			})),
		});
		const body = renderView('pages/admin-plugins', { locale, table, audit });
		sendPage(request, response, { title: dashboardTexts(locale)('admin.title'), body });
	}
}
