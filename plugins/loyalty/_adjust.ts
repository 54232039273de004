import type { Translate } from 'foyer';
import { parseAdjust } from './_adjust-input.ts';
import { InsufficientPoints, recordEntry } from './_ledger.ts';

export type AdjustResult =
	| { ok: true; duplicate: boolean; points: number }
	| { ok: false; errors: { amount?: string; reason?: string } };

/**
 * An admin adds or takes points, with the reason in the ledger. `reference` makes it happen once (a
 * form's nonce, an interaction's id). Taking more than the member has is refused, in `t`'s language.
 */
export async function adjust(
	guildId: string,
	userId: string,
	adminId: string,
	raw: { amount?: unknown; reason?: unknown },
	reference: string,
	t: Translate,
): Promise<AdjustResult> {
	const parsed = parseAdjust(raw, t);
	if (!parsed.ok) return parsed;
	try {
		const recorded = await recordEntry({
			guildId,
			userId,
			amount: parsed.amount,
			reason: 'admin',
			actor: adminId,
			reference: `adjust-${reference}`,
			note: parsed.reason,
		});
		return { ok: true, duplicate: recorded.duplicate, points: recorded.duplicate ? 0 : recorded.points };
	} catch (error) {
		if (error instanceof InsufficientPoints)
			return {
				ok: false,
				errors: { amount: t('adjust.below', { points: error.points, amount: -error.amount }) },
			};
		throw error;
	}
}
