import type { RestRoute } from '../../http/route.ts';
import type { InteractionRegistry } from '../../interactions.ts';
import type { OAuthStore } from '../../oauth-store.ts';
import { auditLogRoutes } from './audit-log.ts';
import { channelRoutes } from './channels.ts';
import { commandRoutes } from './commands.ts';
import type { GatewayInfo } from './gateway.ts';
import { gatewayRoutes } from './gateway.ts';
import { guildRoutes } from './guilds.ts';
import { interactionRoutes } from './interactions.ts';
import { inviteRoutes } from './invites.ts';
import { memberRoutes } from './members.ts';
import { messageRoutes } from './messages.ts';
import { oauthRoutes } from './oauth2.ts';
import { reactionRoutes } from './reactions.ts';
import { roleRoutes } from './roles.ts';
import { userRoutes } from './users.ts';

/** The services REST routes use besides the world; each route file takes only the one it needs. */
export interface RestDeps {
	gateway: GatewayInfo;
	interactions: InteractionRegistry;
	oauth: OAuthStore;
}

export const restRoutes = (deps: RestDeps): RestRoute[] => [
	...gatewayRoutes(deps.gateway),
	...userRoutes,
	...guildRoutes,
	...memberRoutes,
	...roleRoutes,
	...channelRoutes,
	...messageRoutes,
	...reactionRoutes,
	...inviteRoutes,
	...auditLogRoutes,
	...commandRoutes,
	...interactionRoutes(deps.interactions),
	...oauthRoutes(deps.oauth),
];
