import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/** One suggestion: who posted what, where its post is, its votes and what the admins decided. */
export const Suggestion = defineEntity({
	name: 'Suggestion',
	tableName: 'suggestions',
	properties: {
		id: p.integer().primary().autoincrement(),
		guildId: p.type(SnowflakeType).index(),
		authorId: p.type(SnowflakeType),
		text: p.text(),
		channelId: p.type(SnowflakeType),
		/** The post members vote under; null until it is posted. */
		messageId: p.type(SnowflakeType).nullable().index(),
		status: p.string().default('open'),
		up: p.integer().default(0),
		down: p.integer().default(0),
		createdAt: p.datetime(),
	},
});
