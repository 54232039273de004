import type { RestRoute } from '../../http/route.ts';
import { auditLogRoutes } from './audit-log.ts';
import { channelRoutes } from './channels.ts';
import { commandRoutes } from './commands.ts';
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

export const restRoutes: RestRoute[] = [
	...gatewayRoutes,
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
	...interactionRoutes,
	...oauthRoutes,
];
