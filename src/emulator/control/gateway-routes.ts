import { z } from 'zod';
import type { RestRoute } from '../http/route.ts';
import type { ControlDeps } from './index.ts';
import { parse, snowflake } from './validate.ts';

const filterSpec = z.strictObject({ app_id: snowflake.optional(), session_id: z.string().optional() });

export const gatewayRoutes = ({ gateway, requests: log }: Pick<ControlDeps, 'gateway' | 'requests'>): RestRoute[] => [
	{
		method: 'GET',
		path: '/gateway/sessions',
		auth: 'none',
		handler: () =>
			[...gateway.sessions.values()].map((s) => ({
				id: s.id,
				app_id: s.app.id,
				shard: s.shard,
				intents: s.intents,
				seq: s.seq,
				connected: s.socket !== null,
				guilds: [...s.guilds],
			})),
	},
	{
		method: 'POST',
		path: '/gateway/drop',
		auth: 'none',
		handler: ({ body }) => {
			const f = parse(filterSpec, body);
			return {
				dropped: gateway.drop({
					...(f.app_id ? { appId: f.app_id } : {}),
					...(f.session_id ? { sessionId: f.session_id } : {}),
				}),
			};
		},
	},
	{
		method: 'POST',
		path: '/gateway/reconnect',
		auth: 'none',
		handler: ({ body }) => {
			const f = parse(filterSpec, body);
			return { reconnected: gateway.reconnect(f.app_id ? { appId: f.app_id } : {}) };
		},
	},
	{
		method: 'POST',
		path: '/gateway/invalidate',
		auth: 'none',
		handler: ({ body }) => {
			const f = parse(filterSpec, body);
			return { invalidated: gateway.invalidate(f.app_id ? { appId: f.app_id } : {}) };
		},
	},
	{
		method: 'GET',
		path: '/requests',
		auth: 'none',
		handler: ({ query }) => {
			const since = Number(query.get('since') ?? 0) || 0;
			const route = query.get('route');
			const method = query.get('method')?.toUpperCase();
			const status = query.get('status') ? Number(query.get('status')) : null;
			const requests = log
				.since(since)
				.filter(
					(r) =>
						(!route || r.route === route) &&
						(!method || r.method === method) &&
						(status === null || r.status === status),
				);
			return {
				total: log.total,
				rate_limited: log.rateLimited,
				defects: log.defects,
				last_id: log.lastId,
				requests,
			};
		},
	},
];
