import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from '../../core/database/snowflake-type.ts';

/** A dashboard login. The access token is stored encrypted (AES-256-GCM with the dashboard key). */
export const DashboardSession = defineEntity({
	name: 'DashboardSession',
	tableName: 'foyer_dashboard_sessions',
	properties: {
		idHash: p.string().primary(),
		userId: p.type(SnowflakeType),
		username: p.string(),
		avatar: p.string().nullable(),
		accessToken: p.text(),
		csrfToken: p.string(),
		createdAt: p.bigint('number'),
		expiresAt: p.bigint('number').index(),
	},
});
