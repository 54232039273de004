import type { Translate } from 'foyer';
import { formatMinor, pointsFor } from './_amount.ts';
import { ensureGuild } from './_guild-row.ts';
import { type Applied, afterCommit, applyEntry } from './_ledger.ts';
import { fingerprintOf, type OrderInput } from './_order-input.ts';
import { num, type Sql, transaction } from './_sql.ts';
import plugin from './plugin.ts';

/** An order as the webhook answers it: the same for the first delivery and every retry. */
export interface OrderView {
	ok: true;
	type: OrderInput['type'];
	order_id: string;
	user_id: string;
	amount: string;
	currency: string;
	product_id: string | null;
	/** Points the order added (negative for a refund). */
	points: number;
	recorded_at: string;
}

export type OrderOutcome =
	| { kind: 'recorded'; order: OrderView; applied: Applied }
	| { kind: 'replayed'; order: OrderView }
	| { kind: 'refused'; status: 409 | 422; error: string; message: string };

interface OrderRow {
	kind: string;
	order_id: string;
	user_id: unknown;
	amount_minor: unknown;
	currency: string;
	product_id: string | null;
	points: unknown;
	fingerprint: string;
	at_ms: unknown;
}

function view(row: OrderRow): OrderView {
	return {
		ok: true,
		type: row.kind as OrderInput['type'],
		order_id: row.order_id,
		user_id: String(row.user_id),
		amount: formatMinor(num(row.amount_minor) ?? 0),
		currency: row.currency,
		product_id: row.product_id,
		points: num(row.points) ?? 0,
		recorded_at: new Date(num(row.at_ms) ?? 0).toISOString(),
	};
}

const COLUMNS = 'kind, order_id, user_id, amount_minor, currency, product_id, points, fingerprint, at_ms';

/** An order seen before: the same body is answered as the first time; another body is a conflict. */
function repeated(row: OrderRow, fingerprint: string, t: Translate): OrderOutcome {
	if (row.fingerprint === fingerprint) return { kind: 'replayed', order: view(row) };
	return {
		kind: 'refused',
		status: 409,
		error: 'order_conflict',
		message: t('order.conflict', { kind: t(`command.types.${row.kind}`), order: row.order_id }),
	};
}

async function find(sql: Sql, guildId: string, kind: string, orderId: string): Promise<OrderRow | null> {
	const rows = await sql<OrderRow & Record<string, unknown>>(
		`select ${COLUMNS} from loyalty_orders where guild_id = ? and kind = ? and order_id = ?`,
		[guildId, kind, orderId],
	);
	return rows[0] ?? null;
}

/** The points a refund takes back: its share of the purchase's points (all of them for a full refund). */
function refundPoints(input: OrderInput, purchase: OrderRow, t: Translate): OrderOutcome | number {
	const refuse = (error: string, message: string): OrderOutcome => ({ kind: 'refused', status: 422, error, message });
	if (String(purchase.user_id) !== input.userId)
		return refuse('refund_mismatch', t('order.otherBuyer', { order: input.orderId }));
	if (purchase.currency !== input.currency)
		return refuse(
			'refund_mismatch',
			t('order.otherCurrency', { order: input.orderId, paid: purchase.currency, currency: input.currency }),
		);
	const paid = num(purchase.amount_minor) ?? 0;
	if (input.amountMinor > paid)
		return refuse(
			'refund_too_large',
			t('order.refundTooLarge', {
				refund: formatMinor(input.amountMinor),
				order: input.orderId,
				paid: formatMinor(paid),
			}),
		);
	return -Math.floor(((num(purchase.points) ?? 0) * input.amountMinor) / paid);
}

/**
 * Records a purchase or a refund exactly once per (guild, type, order id), with its ledger line, in
 * one transaction: the order row, the line and the balance are written together or not at all. A
 * repeat of a recorded order (a shop's retry) changes nothing and answers what the first one did.
 * `source` is `webhook` or the admin's user id; refusals are worded in `t`'s language.
 */
export async function recordOrder(
	guildId: string,
	input: OrderInput,
	source: string,
	t: Translate,
): Promise<OrderOutcome> {
	await ensureGuild(guildId);
	const fingerprint = fingerprintOf(input);
	const settings = plugin.settings(guildId);
	const outcome = await transaction(async (sql): Promise<OrderOutcome> => {
		// A purchase goes straight to its insert (most deliveries are new); a refund first needs its
		// purchase, so it looks for a repeat first too, to answer a retry even if the purchase changed since.
		if (input.type === 'refund') {
			const seen = await find(sql, guildId, input.type, input.orderId);
			if (seen) return repeated(seen, fingerprint, t);
		}
		let points: number;
		if (input.type === 'refund') {
			const purchase = await find(sql, guildId, 'purchase', input.orderId);
			if (!purchase)
				return {
					kind: 'refused',
					status: 409,
					error: 'unknown_order',
					message: t('order.unknown', { order: input.orderId }),
				};
			const taken = refundPoints(input, purchase, t);
			if (typeof taken !== 'number') return taken;
			points = taken;
		} else {
			if (input.currency !== settings.currency) {
				// A retry of an order recorded before the currency setting changed is still answered as then.
				const seen = await find(sql, guildId, input.type, input.orderId);
				if (seen) return repeated(seen, fingerprint, t);
				return {
					kind: 'refused',
					status: 422,
					error: 'wrong_currency',
					message: t('order.wrongCurrency', { expected: settings.currency, currency: input.currency }),
				};
			}
			points = pointsFor(input.amountMinor, settings.pointsPerUnit);
		}
		const at = plugin.now();
		const inserted = await sql(
			`insert into loyalty_orders (guild_id, kind, order_id, user_id, amount_minor, currency, product_id, points, fingerprint, source, at_ms)
			 values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (guild_id, kind, order_id) do nothing returning id`,
			[
				guildId,
				input.type,
				input.orderId,
				input.userId,
				input.amountMinor,
				input.currency,
				input.productId,
				points,
				fingerprint,
				source,
				at,
			],
		);
		if (inserted.length === 0) {
			// A repeat (a retry, or the same delivery twice at once): answered as the recorded one.
			const other = await find(sql, guildId, input.type, input.orderId);
			if (other) return repeated(other, fingerprint, t);
			throw new Error(`Order ${input.orderId} neither inserted nor found`);
		}
		const applied = await applyEntry(
			sql,
			{
				guildId,
				userId: input.userId,
				amount: points,
				reason: input.type,
				actor: source,
				reference: input.orderId,
				note: input.productId ? `product ${input.productId}` : null,
			},
			{ allowNegative: true },
		);
		if (!applied) throw new Error(`Order ${input.orderId} is new but its ledger line exists`);
		const order = view({
			kind: input.type,
			order_id: input.orderId,
			user_id: input.userId,
			amount_minor: input.amountMinor,
			currency: input.currency,
			product_id: input.productId,
			points,
			fingerprint,
			at_ms: at,
		});
		return { kind: 'recorded', order, applied };
	});
	if (outcome.kind === 'recorded') await afterCommit(guildId, outcome.order.points, outcome.applied);
	return outcome;
}
