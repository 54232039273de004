import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/** What happened at the gate, for the dashboard's log: verifications, removals and their reasons, lockdowns. */
export const VerificationLogEntry = defineEntity({
	name: 'VerificationLogEntry',
	tableName: 'verification_log',
	properties: {
		id: p.integer().primary().autoincrement(),
		guildId: p.type(SnowflakeType),
		/** The member concerned, or null for a lockdown. */
		userId: p.type(SnowflakeType).nullable(),
		username: p.string().nullable(),
		action: p.string(),
		/** How (a VerifiedBy), or who acted (a moderator's id). */
		by: p.string().nullable(),
		reason: p.string(),
		at: p.bigint('number'),
	},
	indexes: [{ properties: ['guildId', 'at'] }],
});
