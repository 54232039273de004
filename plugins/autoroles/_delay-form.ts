import type { Translate } from 'foyer';
import { MAX_DELAY_SECONDS } from './_rule-input.ts';

/** The delay units of the dashboard form, in seconds. */
export const DELAY_UNITS = { minutes: 60, hours: 3_600, days: 86_400 } as const;
export type DelayUnit = keyof typeof DELAY_UNITS;

export type DelayField = { ok: true; seconds: number } | { ok: false; error: string };

/**
 * The form's delay (a number and a unit) in whole seconds. An empty amount means 0; decimals are
 * fine (1.5 hours), negative numbers, text and anything above 7 days are not.
 */
export function parseDelayField(amount: string | undefined, unit: string | undefined, t: Translate): DelayField {
	if (!unit || !Object.hasOwn(DELAY_UNITS, unit)) return { ok: false, error: t('errors.chooseUnit') };
	const range = t('errors.range');
	const text = (amount ?? '').trim();
	const n = text === '' ? 0 : Number(text);
	if (!Number.isFinite(n)) return { ok: false, error: t('errors.notNumber', { range }) };
	if (n < 0) return { ok: false, error: t('errors.negative', { range }) };
	const seconds = Math.round(n * DELAY_UNITS[unit as DelayUnit]);
	if (seconds > MAX_DELAY_SECONDS) return { ok: false, error: t('errors.tooLong', { range }) };
	return { ok: true, seconds };
}
