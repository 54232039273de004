/** Pure parts of a tier: its shape, limits and input validation (forms and commands). No I/O here. */

import type { Translate } from 'foyer';

export interface Tier {
	id: number;
	name: string;
	threshold: number;
	roleId: string | null;
	benefits: string;
}

export interface TierInput {
	name: string;
	threshold: number;
	roleId: string | null;
	benefits: string;
}

export type TierField = 'name' | 'threshold' | 'role' | 'benefits';
export type TierErrors = Partial<Record<TierField, string>>;
export type TierParsed = { ok: true; value: TierInput } | { ok: false; errors: TierErrors };

export const MAX_TIERS = 25;
export const MAX_THRESHOLD = 1_000_000_000;

/** Seed 004 section 6: the tiers a guild starts with (roles are the admin's choice). */
export const DEFAULT_TIERS: readonly TierInput[] = [
	{ name: 'VIP Tier 1', threshold: 100, roleId: null, benefits: 'Special role, custom colour' },
	{ name: 'VIP Tier 2', threshold: 200, roleId: null, benefits: 'Tier 1 + access to the VIP channels' },
	{ name: 'VIP Tier 3', threshold: 300, roleId: null, benefits: 'Tier 2 + shop discounts' },
];

/** Validates a tier as a form sends it (strings); every problem is reported against its field, in `t`'s language. */
export function parseTierInput(
	raw: { name?: unknown; threshold?: unknown; role?: unknown; benefits?: unknown },
	t: Translate,
): TierParsed {
	const errors: TierErrors = {};
	const name = typeof raw.name === 'string' ? raw.name.trim() : '';
	if (name.length < 1 || name.length > 50) errors.name = t('tiers.errors.name');
	const text = typeof raw.threshold === 'string' ? raw.threshold.trim() : raw.threshold;
	const threshold =
		typeof text === 'number' ? text : typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : Number.NaN;
	if (!Number.isInteger(threshold) || threshold < 1 || threshold > MAX_THRESHOLD)
		errors.threshold = t('tiers.errors.threshold', { max: MAX_THRESHOLD.toLocaleString(t.locale ?? 'en-US') });
	const role = typeof raw.role === 'string' ? raw.role.trim() : '';
	if (role !== '' && !/^\d{17,20}$/.test(role)) errors.role = t('tiers.errors.role');
	const benefits = typeof raw.benefits === 'string' ? raw.benefits.trim() : '';
	if (benefits.length > 300) errors.benefits = t('tiers.errors.benefits');
	if (Object.keys(errors).length) return { ok: false, errors };
	return { ok: true, value: { name, threshold, roleId: role === '' ? null : role, benefits } };
}

/** The highest tier `points` reach, or null. `tiers` in any order. */
export function tierFor(tiers: readonly Tier[], points: number): Tier | null {
	let best: Tier | null = null;
	for (const t of tiers) if (t.threshold <= points && (!best || t.threshold > best.threshold)) best = t;
	return best;
}

/** The lowest tier above `points`, or null when the highest is reached. */
export function nextTier(tiers: readonly Tier[], points: number): Tier | null {
	let next: Tier | null = null;
	for (const t of tiers) if (t.threshold > points && (!next || t.threshold < next.threshold)) next = t;
	return next;
}
