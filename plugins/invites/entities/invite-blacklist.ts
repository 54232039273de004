import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/** A user whose joins (as member or as inviter) never count in a guild (seed 004 `invite_blacklist`). */
export const InviteBlacklist = defineEntity({
	name: 'InviteBlacklist',
	tableName: 'invite_blacklist',
	properties: {
		guildId: p.type(SnowflakeType).primary(),
		userId: p.type(SnowflakeType).primary(),
		reason: p.string().length(300).nullable(),
		/** Who added it (a user id). */
		byId: p.type(SnowflakeType),
		atMs: p.bigint('number'),
	},
});
