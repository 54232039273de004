import { container } from '@sapphire/framework';
import { DashboardSandboxRoute } from '../sandbox/routes/sandbox.ts';
import { DashboardSandboxActionRoute } from '../sandbox/routes/sandbox-action.ts';
import { DashboardSandboxFeedRoute } from '../sandbox/routes/sandbox-feed.ts';
import { DashboardGuard } from './access/dashboard-guard.ts';
import { StartingGuard } from './access/starting-guard.ts';
import { DashboardAdminPluginActionRoute } from './routes/admin-plugin-action.ts';
import { DashboardAdminPluginsRoute } from './routes/admin-plugins.ts';
import { DashboardAssetsRoute } from './routes/assets.ts';
import { DashboardFaviconRoute } from './routes/favicon.ts';
import { DashboardGuildAuditRoute } from './routes/guild-audit.ts';
import { DashboardGuildLanguageRoute } from './routes/guild-language.ts';
import { DashboardGuildOverviewRoute } from './routes/guild-overview.ts';
import { DashboardGuildsRoute } from './routes/guilds.ts';
import { DashboardLoginRoute } from './routes/login.ts';
import { DashboardLoginDiscordRoute } from './routes/login-discord.ts';
import { DashboardLogoutRoute } from './routes/logout.ts';
import { DashboardOAuthCallbackRoute } from './routes/oauth-callback.ts';
import { DashboardPluginEnabledRoute } from './routes/plugin-enabled.ts';
import { DashboardPluginSettingsRoute } from './routes/plugin-settings.ts';
import { DashboardTemplatePreviewRoute } from './routes/template-preview.ts';

const ROUTES = {
	assets: DashboardAssetsRoute,
	favicon: DashboardFaviconRoute,
	login: DashboardLoginRoute,
	'login-discord': DashboardLoginDiscordRoute,
	'oauth-callback': DashboardOAuthCallbackRoute,
	logout: DashboardLogoutRoute,
	guilds: DashboardGuildsRoute,
	'guild-overview': DashboardGuildOverviewRoute,
	'guild-audit': DashboardGuildAuditRoute,
	'guild-language': DashboardGuildLanguageRoute,
	'plugin-enabled': DashboardPluginEnabledRoute,
	'plugin-settings': DashboardPluginSettingsRoute,
	'template-preview': DashboardTemplatePreviewRoute,
	sandbox: DashboardSandboxRoute,
	'sandbox-feed': DashboardSandboxFeedRoute,
	'sandbox-action': DashboardSandboxActionRoute,
	'admin-plugins': DashboardAdminPluginsRoute,
	'admin-plugin-action': DashboardAdminPluginActionRoute,
};

let registered = false;

/**
 * The dashboard's routes and its guard, registered once per process (Sapphire's stores are
 * process-wide). The guard runs for every route, plugin routes included: a route is protected
 * unless it declares `access: 'public'`.
 */
export function registerDashboardPieces(): void {
	if (registered) return;
	registered = true;
	void container.stores.loadPiece({ store: 'middlewares', name: 'foyer:dashboard/starting', piece: StartingGuard });
	void container.stores.loadPiece({ store: 'middlewares', name: 'foyer:dashboard/guard', piece: DashboardGuard });
	for (const [name, piece] of Object.entries(ROUTES))
		void container.stores.loadPiece({ store: 'routes', name: `foyer:dashboard/${name}`, piece });
}
