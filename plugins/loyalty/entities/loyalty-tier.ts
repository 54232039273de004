import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/** A VIP tier of a guild: reached at `threshold` points, giving `roleId` (if chosen). */
export const LoyaltyTier = defineEntity({
	name: 'LoyaltyTier',
	tableName: 'loyalty_tiers',
	properties: {
		id: p.integer().primary().autoincrement(),
		guildId: p.type(SnowflakeType),
		name: p.string().length(50),
		threshold: p.bigint('number'),
		roleId: p.type(SnowflakeType).nullable(),
		benefits: p.string().length(300).default(''),
	},
	uniques: [{ properties: ['guildId', 'name'] }, { properties: ['guildId', 'threshold'] }],
});
