import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/**
 * One line of a guild's points ledger: append-only, never updated or deleted. A member's balance is
 * the sum of their lines (kept alongside in loyalty_balances, in the same transaction). The unique
 * (guild, reason, reference) is what makes every source idempotent: a join record, an order id or an
 * adjustment id can add its line once, however often it is delivered.
 */
export const LoyaltyEntry = defineEntity({
	name: 'LoyaltyEntry',
	tableName: 'loyalty_ledger',
	properties: {
		id: p.integer().primary().autoincrement(),
		guildId: p.type(SnowflakeType),
		userId: p.type(SnowflakeType),
		amount: p.bigint('number'),
		/** invite, invite_revoked, purchase, refund, admin or spend. */
		reason: p.string().length(20),
		/** Who caused it: an admin's user id, or `webhook`, `invites`. */
		actor: p.string().length(32),
		/** What it is about: the join record, the order id, the adjustment's id. */
		reference: p.string().length(120),
		/** The admin's words, or what the source said (the member invited...). */
		note: p.string().length(300).nullable(),
		atMs: p.bigint('number'),
	},
	uniques: [{ properties: ['guildId', 'reason', 'reference'] }],
	indexes: [{ properties: ['guildId', 'userId', 'id'] }, { properties: ['guildId', 'id'] }],
});
