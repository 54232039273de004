import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/** Per guild: DMs sent, and DMs that failed because the member does not accept them. */
export const JoinDmStats = defineEntity({
	name: 'JoinDmStats',
	tableName: 'join_dm_stats',
	properties: {
		guildId: p.type(SnowflakeType).primary(),
		sent: p.integer().default(0),
		failed: p.integer().default(0),
	},
});
