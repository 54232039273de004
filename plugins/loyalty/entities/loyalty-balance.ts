import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/**
 * A member's points (the sum of their ledger lines, updated atomically with each line) and tier
 * state. `tierThreshold` is the tier their points reach, written by the same statement as the points;
 * `rolesThreshold` and `dmThreshold` are what their roles and congratulation DMs were last brought
 * in line with. A difference means the resync task has work to do (thresholds are >= 1: -1 and null
 * both mean "no tier", -2 forces a role check).
 */
export const LoyaltyBalance = defineEntity({
	name: 'LoyaltyBalance',
	tableName: 'loyalty_balances',
	properties: {
		guildId: p.type(SnowflakeType).primary(),
		userId: p.type(SnowflakeType).primary(),
		points: p.bigint('number'),
		tierThreshold: p.bigint('number').nullable(),
		rolesThreshold: p.bigint('number').nullable(),
		dmThreshold: p.bigint('number').nullable(),
		updatedAtMs: p.bigint('number'),
	},
	indexes: [{ properties: ['guildId', 'points'] }],
});
