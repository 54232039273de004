import type { SessionStartLimit } from '../../gateway/gateway.ts';
import { applicationFlagsFor } from '../../gateway/intents.ts';
import { type RestRoute, requireApp } from '../../http/route.ts';
import { userPayload } from '../../world/serialize.ts';

/** What the gateway routes need to know about the gateway. */
export interface GatewayInfo {
	gatewayUrl(): string;
	sessionStartLimit(appId: string): SessionStartLimit;
}

export const gatewayRoutes = (gateway: GatewayInfo): RestRoute[] => [
	{
		method: 'GET',
		path: '/gateway',
		auth: 'none',
		handler: () => ({ url: gateway.gatewayUrl() }),
	},
	{
		method: 'GET',
		path: '/gateway/bot',
		auth: 'bot',
		handler: (ctx) => ({
			url: gateway.gatewayUrl(),
			shards: 1,
			session_start_limit: gateway.sessionStartLimit(requireApp(ctx).id),
		}),
	},
	{
		method: 'GET',
		path: '/applications/@me',
		auth: 'bot',
		handler: (ctx) => applicationPayload(ctx),
	},
	{
		method: 'GET',
		path: '/oauth2/applications/@me',
		auth: 'bot',
		handler: (ctx) => applicationPayload(ctx),
	},
];

function applicationPayload(ctx: Parameters<RestRoute['handler']>[0]) {
	const app = requireApp(ctx);
	const world = ctx.world;
	return {
		id: app.id,
		name: app.name,
		icon: null,
		description: 'Emulated application',
		type: null,
		bot_public: true,
		bot_require_code_grant: false,
		verify_key: '0'.repeat(64),
		flags: applicationFlagsFor(app.privilegedIntents),
		flags_new: String(applicationFlagsFor(app.privilegedIntents)),
		owner: userPayload(world.user(app.ownerId)),
		team: null,
		bot: userPayload(world.user(app.botUserId)),
		redirect_uris: [],
		interactions_endpoint_url: null,
		role_connections_verification_url: null,
		approximate_guild_count: world.guildsOfBot(app.botUserId).length,
		approximate_user_install_count: 0,
		approximate_user_authorization_count: 0,
		explicit_content_filter: 0,
		eligible_oauth2_scopes: ['bot', 'applications.commands'],
		install_params: { scopes: ['bot', 'applications.commands'], permissions: app.defaultPermissions.toString() },
		integration_types_config: { '0': {}, '1': {} },
	};
}
