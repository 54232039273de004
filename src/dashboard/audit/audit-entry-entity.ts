import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from '../../core/database/snowflake-type.ts';

export const DashboardAuditEntry = defineEntity({
	name: 'DashboardAuditEntry',
	tableName: 'foyer_dashboard_audit',
	properties: {
		id: p.integer().primary().autoincrement(),
		guildId: p.type(SnowflakeType).nullable().index(),
		userId: p.type(SnowflakeType),
		username: p.string(),
		action: p.string(),
		plugin: p.string().nullable(),
		before: p.json<unknown>().nullable(),
		after: p.json<unknown>().nullable(),
		at: p.bigint('number').index(),
	},
});
