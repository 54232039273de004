import type { Guild } from 'discord.js';
import { assignProblem, type Translate } from 'foyer';

/** The rank form, validated against the guild's roles and Foyer's place among them. */
export const RANK_MAX = 1_000_000;
export const MAX_RANKS = 25;

export type RankField = 'role' | 'invites';
export type RankValues = Record<RankField, string>;
export type RankInput =
	| { ok: true; roleId: string; invites: number; values: RankValues }
	| { ok: false; errors: Partial<Record<RankField, string>>; values: RankValues };

/**
 * A rank's role must exist and be one Foyer can give (the hierarchy check auto roles use: below
 * Foyer's highest role, not managed, not @everyone), checked before saving so that no rank turns
 * every member's sync into a 403. Two ranks cannot share a role or a threshold. Worded by `t`.
 */
export function parseRankInput(
	guild: Guild,
	raw: { role?: string | undefined; invites?: string | undefined },
	existing: readonly { roleId: string; invites: number }[],
	t: Translate,
): RankInput {
	const values = { role: (raw.role ?? '').trim(), invites: (raw.invites ?? '').trim() };
	const errors: Partial<Record<RankField, string>> = {};
	const role = /^\d{17,20}$/.test(values.role) ? guild.roles.cache.get(values.role) : undefined;
	if (!role) errors.role = t(values.role ? 'ranks.roleGone' : 'ranks.chooseRoleError');
	else {
		const problem = assignProblem(role, t.locale);
		if (problem) errors.role = problem;
		else if (existing.some((r) => r.roleId === role.id)) errors.role = t('ranks.roleTaken', { role: role.name });
	}
	const invites = /^\d+$/.test(values.invites) ? Number(values.invites) : Number.NaN;
	if (!Number.isInteger(invites) || invites < 1 || invites > RANK_MAX)
		errors.invites = t('ranks.invitesRange', { max: RANK_MAX.toLocaleString(t.locale ?? 'en-US') });
	else if (existing.some((r) => r.invites === invites))
		errors.invites = t('ranks.invitesTaken', { invites: invites.toLocaleString(t.locale ?? 'en-US') });
	if (!errors.role && existing.length >= MAX_RANKS) errors.role = t('ranks.tooMany', { max: MAX_RANKS });
	if (!role || Object.keys(errors).length) return { ok: false, errors, values };
	return { ok: true, roleId: role.id, invites, values };
}
