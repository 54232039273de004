import { Route } from '@sapphire/plugin-api';
import { runningDashboard } from '../container.ts';
import { field } from '../http/body.ts';
import { pageLocale, pageTexts } from '../http/page-locale.ts';
import { isHtmx, requestContext } from '../http/request-context.ts';
import { redirect, renderView, sendError, sendFragment } from '../http/respond.ts';
import { adminPluginRows } from './_admin-model.ts';

const ACTIONS = new Set(['load', 'unload', 'reload']);

/**
 * Loads, unloads or reloads a plugin for every guild (bot owners only, enforced by the guard for
 * /admin). `load` takes a folder from the discovered list only, never an arbitrary path.
 */
export class DashboardAdminPluginActionRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'admin/plugins/[action]', methods: ['POST'] });
	}

	override async run(request: Route.Request, response: Route.Response) {
		const { session, body } = requestContext(request);
		const action = String(request.params.action);
		const t = pageTexts(request);
		if (!ACTIONS.has(action) || !session)
			return sendError(request, response, 404, t('admin.unknownAction', { action }));
		const plugins = this.container.plugins;
		const target = field(body, 'plugin') ?? '';
		let message: { kind: 'ok' | 'error'; text: string };
		try {
			if (action === 'load') {
				const dir = (await plugins.discover()).find((d) => d === target);
				const failed = plugins.list().find((p) => p.status === 'failed' && p.dir === target);
				if (!dir && !failed) return sendError(request, response, 400, t('admin.pickFolder'));
				const info = await plugins.load(target);
				message = { kind: 'ok', text: t('admin.loaded', { name: info.name ?? target, version: info.version ?? '' }) };
			} else {
				if (!plugins.isLoaded(target)) return sendError(request, response, 400, t('error.noPlugin', { id: target }));
				if (action === 'reload') {
					const info = await plugins.reload(target);
					message = {
						kind: 'ok',
						text: t('admin.reloaded', { name: info.name ?? target, version: info.version ?? '' }),
					};
				} else {
					await plugins.unload(target);
					message = { kind: 'ok', text: t('admin.unloaded', { id: target }) };
				}
			}
			await runningDashboard().record({
				guildId: null,
				userId: session.userId,
				username: session.username,
				action: `plugin.${action}`,
				plugin: target,
				before: null,
				after: null,
			});
		} catch (error) {
			message = { kind: 'error', text: error instanceof Error ? error.message : String(error) };
		}
		if (!isHtmx(request)) return redirect(response, '/admin/plugins');
		const html = renderView('partials/admin-plugins', {
			locale: pageLocale(request),
			rows: await adminPluginRows(),
			csrf: session.csrfToken,
			message,
		});
		sendFragment(response, message.kind === 'ok' ? 200 : 409, html);
	}
}
