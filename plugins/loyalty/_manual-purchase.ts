import type { Guild } from 'discord.js';
import type { Translate } from 'foyer';
import { nameOf } from './_names.ts';
import { type OrderErrors, parseOrder } from './_order-input.ts';
import { recordOrder } from './_orders.ts';
import plugin from './plugin.ts';

export type ManualResult = { ok: true; text: string } | { ok: false; errors: OrderErrors; text?: string };

/**
 * A purchase or refund an admin enters by hand (a sale outside the shop, a missed delivery): the same
 * checks and the same once-per-order rule as the webhook, in the guild's currency, with the admin as
 * its source in the ledger. Worded in `t`'s language (the page's, or the member's for a command).
 */
export async function enterManually(
	guild: Guild,
	adminId: string,
	raw: { type?: string; user?: string; amount?: string; order?: string; product?: string },
	t: Translate,
): Promise<ManualResult> {
	const parsed = parseOrder(
		{
			type: raw.type || 'purchase',
			order_id: raw.order?.trim(),
			user_id: raw.user?.trim(),
			amount: raw.amount?.trim(),
			currency: plugin.settings(guild.id).currency,
			product_id: raw.product?.trim() || null,
		},
		t,
	);
	if (!parsed.ok) return { ok: false, errors: parsed.errors };
	const outcome = await recordOrder(guild.id, parsed.value, adminId, t);
	if (outcome.kind === 'refused') return { ok: false, errors: { order_id: outcome.message } };
	const o = outcome.order;
	const who = nameOf(guild, o.user_id, t);
	const type = t(`command.types.${o.type}`);
	const what = t('purchase.what', { type, order: o.order_id, amount: o.amount, currency: o.currency, who });
	if (outcome.kind === 'replayed') return { ok: true, text: t('purchase.replayed', { what, points: o.points }) };
	return { ok: true, text: t('purchase.recorded', { what, points: `${o.points >= 0 ? '+' : ''}${o.points}` }) };
}
