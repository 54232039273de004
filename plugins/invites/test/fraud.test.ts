import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAUD_SETTINGS, type FraudInput, fraudFlags } from '../attribution/fraud.ts';

const DAY = 86_400_000;
const now = 1_800_000_000_000;
const base: FraudInput = {
	memberId: 'm',
	inviterId: 'i',
	accountCreatedAt: now - 400 * DAY,
	hasAvatar: true,
	joinedAt: now,
};
const rules = (input: Partial<FraudInput>, settings = DEFAULT_FRAUD_SETTINGS) =>
	fraudFlags({ ...base, ...input }, settings).map((f) => f.rule);

describe('fraud rules (seed 004 defaults)', () => {
	it('an ordinary join breaks no rule', () => {
		expect(rules({})).toEqual([]);
	});

	it('self-invite: the member joined through their own invite', () => {
		expect(rules({ inviterId: 'm' })).toEqual(['self-invite']);
	});

	it('an account younger than 7 days is flagged with its age; 7 days and older is not', () => {
		const flags = fraudFlags({ ...base, accountCreatedAt: now - 2.5 * DAY });
		expect(flags.map((f) => f.rule)).toEqual(['new-account']);
		expect(flags[0]?.data.accountAgeDays).toBe(2.5);
		expect(flags[0]?.evidence).toContain('2.5 days');
		expect(rules({ accountCreatedAt: now - 7 * DAY })).toEqual([]);
		expect(rules({ accountCreatedAt: now - 2 * DAY }, { ...DEFAULT_FRAUD_SETTINGS, minAccountAgeDays: 1 })).toEqual([]);
	});

	it('no avatar is flagged only when the rule is on', () => {
		expect(rules({ hasAvatar: false })).toEqual([]);
		expect(rules({ hasAvatar: false }, { ...DEFAULT_FRAUD_SETTINGS, noAvatar: true })).toEqual(['no-avatar']);
	});

	it('a rejoin within 5 minutes of leaving is flagged; after 5 minutes it is not', () => {
		expect(rules({ previousJoinAt: now - 3_600_000, previousLeftAt: now - 4 * 60_000 })).toEqual(['rejoin']);
		expect(rules({ previousJoinAt: now - 3_600_000, previousLeftAt: now - 6 * 60_000 })).toEqual([]);
	});

	it('the 6th join of one inviter within 60 minutes is flagged (5 already in the window), the 5th is not', () => {
		const five = [1, 2, 3, 4, 5].map((k) => now - k * 60_000);
		expect(rules({ inviterJoinTimes: five })).toEqual(['inviter-burst']);
		expect(rules({ inviterJoinTimes: five.slice(1) })).toEqual([]);
		expect(rules({ inviterJoinTimes: five.map((t) => t - 3_600_000) })).toEqual([]);
	});

	it('a blacklisted member or inviter is flagged with the reason', () => {
		const flags = fraudFlags({
			...base,
			blacklistedMember: { reason: 'alt account' },
			blacklistedInviter: { reason: null },
		});
		expect(flags.map((f) => f.rule)).toEqual(['blacklisted-member', 'blacklisted-inviter']);
		expect(flags[0]?.evidence).toBe('member is blacklisted: alt account');
		expect(rules({ blacklistedMember: { reason: null } }, { ...DEFAULT_FRAUD_SETTINGS, blacklist: false })).toEqual([]);
	});

	it('without an inviter, only the member rules apply', () => {
		expect(
			rules({
				inviterId: null,
				inviterJoinTimes: [now, now, now, now, now, now],
				blacklistedInviter: { reason: null },
			}),
		).toEqual([]);
	});
});
