import { createHash } from 'node:crypto';
import { parseAmount } from './_amount.ts';

/** A purchase or refund, as a shop's webhook (or an admin's form) describes it, validated. */
export interface OrderInput {
	type: 'purchase' | 'refund';
	orderId: string;
	userId: string;
	amountMinor: number;
	currency: string;
	productId: string | null;
}

export type OrderField = 'type' | 'order_id' | 'user_id' | 'amount' | 'currency' | 'product_id';
export type OrderErrors = Partial<Record<OrderField, string>>;
export type OrderParsed = { ok: true; value: OrderInput } | { ok: false; errors: OrderErrors };

const ORDER_ID = /^[\x21-\x7e]{1,100}$/;

/**
 * Checks a body `{ type, order_id, user_id, amount, currency, product_id? }`. Ids must be strings
 * (a JSON number loses a snowflake's last digits); other keys are ignored, as shops add their own.
 */
export function parseOrder(body: Record<string, unknown>): OrderParsed {
	const errors: OrderErrors = {};
	const type = body.type;
	if (type !== 'purchase' && type !== 'refund') errors.type = 'must be "purchase" or "refund"';
	const orderId = body.order_id;
	if (typeof orderId !== 'string' || !ORDER_ID.test(orderId))
		errors.order_id = 'must be a string of 1 to 100 visible ASCII characters (no spaces)';
	const userId = body.user_id;
	if (typeof userId !== 'string' || !/^\d{17,20}$/.test(userId))
		errors.user_id = 'must be the Discord user id as a string of 17 to 20 digits';
	const amount = parseAmount(body.amount);
	if (!amount.ok) errors.amount = amount.error;
	const currency = body.currency;
	if (typeof currency !== 'string' || !/^[A-Za-z]{3}$/.test(currency))
		errors.currency = 'must be a three-letter currency code such as USD';
	const productId = body.product_id ?? null;
	if (productId !== null && (typeof productId !== 'string' || !ORDER_ID.test(productId)))
		errors.product_id = 'must be a string of 1 to 100 visible ASCII characters, or absent';
	if (Object.keys(errors).length || !amount.ok) return { ok: false, errors };
	return {
		ok: true,
		value: {
			type: type as OrderInput['type'],
			orderId: orderId as string,
			userId: userId as string,
			amountMinor: amount.minor,
			currency: (currency as string).toUpperCase(),
			productId: productId as string | null,
		},
	};
}

/** What makes two deliveries "the same order": every field that means something, not the JSON's spelling. */
export function fingerprintOf(order: OrderInput): string {
	const fields = [order.type, order.orderId, order.userId, order.amountMinor, order.currency, order.productId];
	return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}
