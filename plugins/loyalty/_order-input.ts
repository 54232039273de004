import { createHash } from 'node:crypto';
import type { Translate } from 'foyer';
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
 * Errors in `t`'s language (the webhook's are English: a shop's developer reads them).
 */
export function parseOrder(body: Record<string, unknown>, t: Translate): OrderParsed {
	const errors: OrderErrors = {};
	const type = body.type;
	if (type !== 'purchase' && type !== 'refund') errors.type = t('order.type');
	const orderId = body.order_id;
	if (typeof orderId !== 'string' || !ORDER_ID.test(orderId)) errors.order_id = t('order.orderId');
	const userId = body.user_id;
	if (typeof userId !== 'string' || !/^\d{17,20}$/.test(userId)) errors.user_id = t('order.userId');
	const amount = parseAmount(body.amount, t);
	if (!amount.ok) errors.amount = amount.error;
	const currency = body.currency;
	if (typeof currency !== 'string' || !/^[A-Za-z]{3}$/.test(currency)) errors.currency = t('order.currency');
	const productId = body.product_id ?? null;
	if (productId !== null && (typeof productId !== 'string' || !ORDER_ID.test(productId)))
		errors.product_id = t('order.productId');
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
