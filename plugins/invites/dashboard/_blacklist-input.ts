import { userIdOf } from './_join-filters.ts';

/** The blacklist form, validated. Pure. */
export const REASON_MAX_LENGTH = 300;

export type BlacklistField = 'user' | 'reason';
export type BlacklistValues = Record<BlacklistField, string>;
export type BlacklistInput =
	| { ok: true; userId: string; reason: string; values: BlacklistValues }
	| { ok: false; errors: Partial<Record<BlacklistField, string>>; values: BlacklistValues };

export function parseBlacklistInput(raw: { user?: string | undefined; reason?: string | undefined }): BlacklistInput {
	const values = { user: (raw.user ?? '').trim(), reason: (raw.reason ?? '').trim() };
	const errors: Partial<Record<BlacklistField, string>> = {};
	const userId = userIdOf(values.user);
	if (!userId) errors.user = 'Write the user’s id (17 to 20 digits) or their mention, e.g. <@123456789012345678>.';
	if (values.reason === '') errors.reason = 'Say why: the reason is shown beside every join it makes fake.';
	else if (values.reason.length > REASON_MAX_LENGTH) errors.reason = `At most ${REASON_MAX_LENGTH} characters.`;
	if (!userId || Object.keys(errors).length) return { ok: false, errors, values };
	return { ok: true, userId, reason: values.reason, values };
}
