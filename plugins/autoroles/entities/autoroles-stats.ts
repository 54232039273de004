import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/** Per guild: roles given, roles that could not be given, and the last reason why (for the dashboard). */
export const AutorolesStats = defineEntity({
	name: 'AutorolesStats',
	tableName: 'autoroles_stats',
	properties: {
		guildId: p.type(SnowflakeType).primary(),
		assigned: p.integer().default(0),
		failed: p.integer().default(0),
		lastError: p.text().nullable(),
		lastErrorAt: p.datetime().nullable(),
	},
});
