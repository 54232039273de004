import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/**
 * A member's personal invite (/invite create). Discord makes the bot the inviter of an invite the bot
 * creates, so this row is what credits the joins through `code` to the member instead (one per
 * member per guild, reused; `code` unique so a join's code finds its owner).
 */
export const InvitePersonal = defineEntity({
	name: 'InvitePersonal',
	tableName: 'invite_personal',
	properties: {
		guildId: p.type(SnowflakeType).primary(),
		memberId: p.type(SnowflakeType).primary(),
		code: p.string().length(40),
		channelId: p.type(SnowflakeType),
		atMs: p.bigint('number'),
	},
	uniques: [{ properties: ['guildId', 'code'] }],
});
