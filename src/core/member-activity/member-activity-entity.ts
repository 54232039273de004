import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from '../database/snowflake-type.ts';

/** Members who joined and left one guild on one UTC day (`day`: days since 1970-01-01), owned by the core. */
export const MemberActivityDay = defineEntity({
	name: 'MemberActivityDay',
	tableName: 'foyer_member_activity',
	properties: {
		guildId: p.type(SnowflakeType).primary(),
		day: p.integer().primary(),
		joins: p.integer().default(0),
		leaves: p.integer().default(0),
	},
});
