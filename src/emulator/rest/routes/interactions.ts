import type { RestRoute } from '../../http/route.ts';

export const interactionRoutes: RestRoute[] = [];
