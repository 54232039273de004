import { Route } from '@sapphire/plugin-api';
import { isLocale, LOCALE_NAMES, LOCALES } from '../../core/i18n/locales.ts';
import { runningDashboard } from '../container.ts';
import { field } from '../http/body.ts';
import { pageTexts } from '../http/page-locale.ts';
import { isHtmx, requestContext } from '../http/request-context.ts';
import { guildOf, redirect, sendError } from '../http/respond.ts';

/**
 * The server's language (form field `language`: en-US, es-ES): its pages, the messages everyone
 * there reads and the default templates follow it. The whole page changes language, so the answer
 * is always a new page: a 303 for a plain form, `HX-Redirect` for htmx. Recorded in the audit log.
 */
export class DashboardGuildLanguageRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'guilds/[guild]/language', methods: ['POST'] });
	}

	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const { session, body } = requestContext(request);
		const chosen = field(body, 'language') ?? '';
		if (!isLocale(chosen)) {
			const choices = LOCALES.map((l) => `${LOCALE_NAMES[l]} (${l})`).join(', ');
			return sendError(request, response, 422, pageTexts(request)('language.invalid', { choices }));
		}
		const plugins = this.container.plugins;
		const before = plugins.language(guild.id);
		if (before !== chosen) {
			await plugins.setLanguage(guild.id, chosen);
			await runningDashboard().record({
				guildId: guild.id,
				userId: session?.userId ?? '',
				username: session?.username ?? '',
				action: 'language.update',
				plugin: null,
				before: { language: before },
				after: { language: chosen },
			});
		}
		const location = `/guilds/${guild.id}?saved=language`;
		if (isHtmx(request)) {
			response.setHeader('HX-Redirect', location);
			response.writeHead(204);
			response.end();
			return;
		}
		redirect(response, location);
	}
}
