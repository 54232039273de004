import type { RestRoute } from '../../http/route.ts';

export const auditLogRoutes: RestRoute[] = [];
