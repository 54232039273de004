import type { Translate } from 'foyer';

export const MAX_ADJUST = 1_000_000;

export type AdjustParsed =
	| { ok: true; amount: number; reason: string }
	| { ok: false; errors: { amount?: string; reason?: string } };

/** An admin's adjustment: a whole number of points other than 0, and the reason kept in the ledger. */
export function parseAdjust(raw: { amount?: unknown; reason?: unknown }, t: Translate): AdjustParsed {
	const errors: { amount?: string; reason?: string } = {};
	const text = typeof raw.amount === 'string' ? raw.amount.trim() : raw.amount;
	const amount =
		typeof text === 'number' ? text : typeof text === 'string' && /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
	if (!Number.isInteger(amount) || amount === 0 || Math.abs(amount) > MAX_ADJUST)
		errors.amount = t('adjust.amount', { max: MAX_ADJUST });
	const reason = typeof raw.reason === 'string' ? raw.reason.trim() : '';
	if (reason.length < 1 || reason.length > 200) errors.reason = t('adjust.reason');
	if (Object.keys(errors).length) return { ok: false, errors };
	return { ok: true, amount, reason };
}
