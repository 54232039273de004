import type { Gateway } from '../gateway/gateway.ts';
import type { RequestLog } from '../http/request-log.ts';
import type { RestRoute } from '../http/route.ts';
import type { InteractionRegistry } from '../interactions.ts';
import type { RateLimiter } from '../rest/ratelimit.ts';
import type { EmApplication } from '../world/types.ts';
import { gatewayRoutes } from './gateway-routes.ts';
import { guildSettingsRoutes } from './guild-settings-routes.ts';
import { interactionRoutes } from './interaction-routes.ts';
import { memberRoutes } from './member-routes.ts';
import { messageRoutes } from './message-routes.ts';
import { worldRoutes } from './world-routes.ts';

/** What control calls reach besides the world; each route file takes the part it needs. */
export interface ControlDeps {
	/** The answer of `GET /_emulator`. */
	describe(): unknown;
	reset(): void;
	defaultApp(): EmApplication;
	limiter: RateLimiter;
	gateway: Gateway;
	requests: RequestLog;
	interactions: InteractionRegistry;
}

/** The control API, mounted under `/_emulator` (documented in docs/emulator.md). */
export const controlRoutes = (deps: ControlDeps): RestRoute[] => [
	...worldRoutes(deps),
	...memberRoutes,
	...guildSettingsRoutes,
	...messageRoutes(deps),
	...interactionRoutes(deps),
	...gatewayRoutes(deps),
];
