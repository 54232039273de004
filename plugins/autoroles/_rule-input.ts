/** Pure parts of an auto-role rule: its shape, limits, input validation and wording. No I/O here. */
import type { Translate } from 'foyer';

export type Target = 'humans' | 'bots';
export const TARGETS: readonly Target[] = ['humans', 'bots'];

/** Seven days: longer delays belong to a verification or loyalty feature, not to a join. */
export const MAX_DELAY_SECONDS = 7 * 86_400;
/** Rules per guild; also bounds the roles a single join can trigger. */
export const MAX_RULES = 25;

export interface RuleInput {
	roleId: string;
	delaySeconds: number;
	target: Target;
}

export type RuleField = 'role' | 'delay' | 'target';
export type FieldErrors = Partial<Record<RuleField, string>>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/**
 * Validates raw input, as a dashboard form or a command gives it (strings or numbers). `delaySeconds`
 * defaults to 0 and `target` to humans; every problem is reported against its field, worded by `t`.
 */
export function parseRuleInput(
	raw: { roleId?: unknown; delaySeconds?: unknown; target?: unknown },
	t: Translate,
): Parsed<RuleInput> {
	const errors: FieldErrors = {};
	const roleId = typeof raw.roleId === 'string' ? raw.roleId.trim() : '';
	if (!/^\d{17,20}$/.test(roleId)) errors.role = t('errors.chooseRole');
	const delayRaw = raw.delaySeconds ?? 0;
	const delay = typeof delayRaw === 'string' && delayRaw.trim() !== '' ? Number(delayRaw) : delayRaw;
	if (typeof delay !== 'number' || !Number.isInteger(delay) || delay < 0 || delay > MAX_DELAY_SECONDS)
		errors.delay = t('errors.delaySeconds', { max: MAX_DELAY_SECONDS });
	const target = raw.target ?? 'humans';
	if (!TARGETS.includes(target as Target)) errors.target = t('errors.target');
	if (Object.keys(errors).length) return { ok: false, errors };
	return { ok: true, value: { roleId, delaySeconds: delay as number, target: target as Target } };
}

/** `0` → "at once", `5400` → "after 1 h 30 min", `1` → "after 1 s" (in `t`'s language). */
export function describeDelay(seconds: number, t: Translate): string {
	if (seconds <= 0) return t('delay.atOnce');
	const parts: string[] = [];
	const units: [number, 'd' | 'h' | 'min' | 's'][] = [
		[86_400, 'd'],
		[3_600, 'h'],
		[60, 'min'],
		[1, 's'],
	];
	let rest = seconds;
	for (const [size, unit] of units) {
		const n = Math.floor(rest / size);
		rest -= n * size;
		if (n) parts.push(t(`delay.${unit}`, { n }));
	}
	return t('delay.after', { parts: parts.join(' ') });
}
