import type { Translate } from 'foyer';
import { userIdOf } from './_join-filters.ts';

/** The blacklist form, validated; the errors worded by `t`. Pure. */
export const REASON_MAX_LENGTH = 300;

export type BlacklistField = 'user' | 'reason';
export type BlacklistValues = Record<BlacklistField, string>;
export type BlacklistInput =
	| { ok: true; userId: string; reason: string; values: BlacklistValues }
	| { ok: false; errors: Partial<Record<BlacklistField, string>>; values: BlacklistValues };

export function parseBlacklistInput(
	raw: { user?: string | undefined; reason?: string | undefined },
	t: Translate,
): BlacklistInput {
	const values = { user: (raw.user ?? '').trim(), reason: (raw.reason ?? '').trim() };
	const errors: Partial<Record<BlacklistField, string>> = {};
	const userId = userIdOf(values.user);
	if (!userId) errors.user = t('blacklist.userError');
	if (values.reason === '') errors.reason = t('blacklist.reasonError');
	else if (values.reason.length > REASON_MAX_LENGTH)
		errors.reason = t('blacklist.reasonLong', { max: REASON_MAX_LENGTH });
	if (!userId || Object.keys(errors).length) return { ok: false, errors, values };
	return { ok: true, userId, reason: values.reason, values };
}
