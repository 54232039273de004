import type plugin from './plugin.ts';

export type VerificationSettings = ReturnType<typeof plugin.settings>;
export type GateMode = VerificationSettings['mode'];

/** The gate needs a channel for its message and a role to give or take away. */
export function configured(s: VerificationSettings): boolean {
	return s.channel !== null && (s.verifiedRole !== null || s.unverifiedRole !== null);
}

/** Whether a member holds what verification gives: the verified role, or (without one) no unverified role. */
export function looksVerified(roles: { has(id: string): boolean }, s: VerificationSettings): boolean {
	if (s.verifiedRole) return roles.has(s.verifiedRole);
	return s.unverifiedRole !== null && !roles.has(s.unverifiedRole);
}

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;
