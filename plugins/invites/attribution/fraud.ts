/** The fraud rules of issue 12 (defaults from seed 004), each on/off and tunable per guild. */
export interface FraudSettings {
	selfInvite: boolean;
	/** Account younger than this many days; null = off. */
	minAccountAgeDays: number | null;
	noAvatar: boolean;
	/** Rejoined within this many minutes of leaving (or of the previous join); null = off. */
	rejoinWithinMinutes: number | null;
	/** The inviter already had this many joins within `minutes`; null = off. */
	inviterBurst: { joins: number; minutes: number } | null;
	blacklist: boolean;
}

export const DEFAULT_FRAUD_SETTINGS: FraudSettings = {
	selfInvite: true,
	minAccountAgeDays: 7,
	noAvatar: false,
	rejoinWithinMinutes: 5,
	inviterBurst: { joins: 5, minutes: 60 },
	blacklist: true,
};

export interface FraudInput {
	memberId: string;
	/** The credited inviter (null when the join has none: nothing to be fake for). */
	inviterId: string | null;
	/** When the member's account was created (from the snowflake). */
	accountCreatedAt: number;
	hasAvatar: boolean;
	joinedAt: number;
	/** The member's previous join in this guild and when they left after it, if ever. */
	previousJoinAt?: number | null;
	previousLeftAt?: number | null;
	/** When the inviter's earlier counted joins in this guild happened (any order, this one excluded). */
	inviterJoinTimes?: readonly number[];
	blacklistedMember?: { reason: string | null } | null;
	blacklistedInviter?: { reason: string | null } | null;
}

export type FraudRule =
	| 'self-invite'
	| 'new-account'
	| 'no-avatar'
	| 'rejoin'
	| 'inviter-burst'
	| 'blacklisted-member'
	| 'blacklisted-inviter';

/** A rule that fired, with what it saw (shown on the dashboard's suspicious list). */
export interface FraudFlag {
	rule: FraudRule;
	evidence: string;
	data: Record<string, number | string | null>;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The rules a join breaks; an empty list means it counts. Pure: the caller supplies the history. */
export function fraudFlags(input: FraudInput, settings: FraudSettings = DEFAULT_FRAUD_SETTINGS): FraudFlag[] {
	const flags: FraudFlag[] = [];
	const { memberId, inviterId, joinedAt } = input;
	if (settings.selfInvite && inviterId !== null && inviterId === memberId)
		flags.push({ rule: 'self-invite', evidence: 'joined through their own invite', data: { inviterId } });
	if (settings.minAccountAgeDays !== null) {
		const ageMs = joinedAt - input.accountCreatedAt;
		if (ageMs < settings.minAccountAgeDays * DAY) {
			const days = Math.floor((ageMs / DAY) * 10) / 10;
			flags.push({
				rule: 'new-account',
				evidence: `account ${days} days old when joining (minimum ${settings.minAccountAgeDays})`,
				data: { accountAgeDays: days, minimum: settings.minAccountAgeDays },
			});
		}
	}
	if (settings.noAvatar && !input.hasAvatar) flags.push({ rule: 'no-avatar', evidence: 'no avatar', data: {} });
	if (settings.rejoinWithinMinutes !== null) {
		const since = input.previousLeftAt ?? input.previousJoinAt ?? null;
		if (since !== null && joinedAt - since < settings.rejoinWithinMinutes * MINUTE) {
			const minutes = Math.round(((joinedAt - since) / MINUTE) * 10) / 10;
			const what = input.previousLeftAt != null ? 'leaving' : 'their previous join';
			flags.push({
				rule: 'rejoin',
				evidence: `rejoined ${minutes} minutes after ${what} (within ${settings.rejoinWithinMinutes})`,
				data: {
					minutes,
					within: settings.rejoinWithinMinutes,
					previousJoinAt: input.previousJoinAt ?? null,
					// What the minutes count from, so that the dashboard can word the evidence in any language.
					after: input.previousLeftAt != null ? 'leaving' : 'join',
				},
			});
		}
	}
	if (settings.inviterBurst && inviterId !== null) {
		const { joins, minutes } = settings.inviterBurst;
		const recent = (input.inviterJoinTimes ?? []).filter(
			(t) => t <= joinedAt && joinedAt - t < minutes * MINUTE,
		).length;
		// Seed 004: the inviter already had N joins within the window, so this one makes N + 1.
		if (recent >= joins)
			flags.push({
				rule: 'inviter-burst',
				evidence: `the inviter already had ${recent} joins in the last ${minutes} minutes (limit ${joins})`,
				data: { recent, joins, minutes },
			});
	}
	if (settings.blacklist && input.blacklistedMember)
		flags.push({
			rule: 'blacklisted-member',
			evidence: `member is blacklisted${input.blacklistedMember.reason ? `: ${input.blacklistedMember.reason}` : ''}`,
			data: { reason: input.blacklistedMember.reason },
		});
	if (settings.blacklist && input.blacklistedInviter && inviterId !== null)
		flags.push({
			rule: 'blacklisted-inviter',
			evidence: `inviter is blacklisted${input.blacklistedInviter.reason ? `: ${input.blacklistedInviter.reason}` : ''}`,
			data: { reason: input.blacklistedInviter.reason },
		});
	return flags;
}
