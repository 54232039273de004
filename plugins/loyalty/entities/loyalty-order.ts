import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/**
 * A purchase or refund as the shop (or an admin) reported it, once per (guild, kind, order id): a
 * retried delivery finds it here and gets the same answer; a different body under the same order id
 * is told apart by its fingerprint.
 */
export const LoyaltyOrder = defineEntity({
	name: 'LoyaltyOrder',
	tableName: 'loyalty_orders',
	properties: {
		id: p.integer().primary().autoincrement(),
		guildId: p.type(SnowflakeType),
		kind: p.string().length(10),
		orderId: p.string().length(100),
		userId: p.type(SnowflakeType),
		/** In hundredths of the currency unit. */
		amountMinor: p.bigint('number'),
		currency: p.string().length(3),
		productId: p.string().length(100).nullable(),
		/** Points the order added (a refund: took back, as a negative number). */
		points: p.bigint('number'),
		/** SHA-256 of the order's fields as recorded. */
		fingerprint: p.string().length(64),
		/** `webhook`, or the admin's user id for a manual entry. */
		source: p.string().length(32),
		atMs: p.bigint('number'),
	},
	uniques: [{ properties: ['guildId', 'kind', 'orderId'] }],
});
