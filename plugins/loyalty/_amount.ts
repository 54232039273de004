import type { Translate } from 'foyer';

/** Money as the webhook and the forms give it: whole hundredths of a unit, never floats. */

export const MAX_AMOUNT_MINOR = 100_000_000; // 1,000,000.00

export type AmountParsed = { ok: true; minor: number } | { ok: false; error: string };

const DECIMAL = /^(\d{1,7})(?:\.(\d{1,2}))?$/;

/** `"49.99"`, `49.99` or `50` → hundredths; anything else (negative, zero, 3 decimals, 1e3) is refused. */
export function parseAmount(raw: unknown, t: Translate): AmountParsed {
	let text: string | null = null;
	if (typeof raw === 'string') text = raw.trim();
	else if (typeof raw === 'number' && Number.isFinite(raw)) {
		const cents = Math.round(raw * 100);
		if (Math.abs(raw * 100 - cents) > 1e-6) return { ok: false, error: t('order.decimals') };
		text = (cents / 100).toFixed(2);
	}
	if (text === null) return { ok: false, error: t('order.number') };
	const m = DECIMAL.exec(text);
	if (!m) return { ok: false, error: t('order.positive') };
	const minor = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
	if (minor <= 0) return { ok: false, error: t('order.zero') };
	if (minor > MAX_AMOUNT_MINOR) return { ok: false, error: t('order.max') };
	return { ok: true, minor };
}

export function formatMinor(minor: number): string {
	const sign = minor < 0 ? '-' : '';
	const abs = Math.abs(minor);
	return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Points for an amount: `perUnit` per whole unit, rounded down (seed 004: int(amount * rate)). */
export function pointsFor(minor: number, perUnit: number): number {
	return Math.floor((minor * perUnit) / 100);
}
