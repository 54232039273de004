import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/** Members whose closed DMs were already counted: a member who joins again is not counted twice. */
export const JoinDmClosed = defineEntity({
	name: 'JoinDmClosed',
	tableName: 'join_dm_closed',
	properties: {
		guildId: p.type(SnowflakeType).primary(),
		userId: p.type(SnowflakeType).primary(),
	},
});
