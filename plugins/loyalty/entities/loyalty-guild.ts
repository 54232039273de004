import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/**
 * What loyalty keeps per guild besides settings: that its default tiers were created (once: an admin
 * who deletes them does not get them back), and the purchase webhook's signing secrets, sealed.
 */
export const LoyaltyGuild = defineEntity({
	name: 'LoyaltyGuild',
	tableName: 'loyalty_guilds',
	properties: {
		guildId: p.type(SnowflakeType).primary(),
		seededAtMs: p.bigint('number'),
		secretSealed: p.text().nullable(),
		secretCreatedAtMs: p.bigint('number').nullable(),
		/** The secret before the last rotation, still accepted until `previousUntilMs`. */
		previousSealed: p.text().nullable(),
		previousUntilMs: p.bigint('number').nullable(),
		/** The role mode the members' roles were last synced with (a change resyncs everyone). */
		roleModeApplied: p.string().length(10).nullable(),
		/**
		 * Roles tiers gave before an admin changed or removed them (JSON [{ id, at }]): taken from
		 * members who no longer have a tier giving them, until a resync pass has seen every member.
		 */
		retiredRoles: p.text().default('[]'),
	},
});
