import type { RestRoute } from '../http/route.ts';
import { gatewayRoutes } from './gateway-routes.ts';
import { interactionRoutes } from './interaction-routes.ts';
import { memberRoutes } from './member-routes.ts';
import { messageRoutes } from './message-routes.ts';
import { worldRoutes } from './world-routes.ts';

/** The control API, mounted under `/_emulator` (documented in docs/emulator.md). */
export const controlRoutes: RestRoute[] = [
	...worldRoutes,
	...memberRoutes,
	...messageRoutes,
	...interactionRoutes,
	...gatewayRoutes,
];
