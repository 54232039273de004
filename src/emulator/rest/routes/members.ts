import type { RestRoute } from '../../http/route.ts';

export const memberRoutes: RestRoute[] = [];
