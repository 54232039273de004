import type { StoredFlag } from '../entities/invite-join.ts';
import type { PageWords } from './_format.ts';

const num = (v: unknown) => (typeof v === 'number' ? v : null);
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/**
 * What a fraud rule saw, in the page's language, from the figures the flag keeps. The stored
 * evidence (English, written when the join was judged) is the fallback for a flag whose figures
 * do not say it all, as flags stored before a rule kept them.
 */
export function evidenceOf(flag: StoredFlag, w: PageWords): string {
	const d = flag.data ?? {};
	const reason = text(d.reason);
	const withReason = (key: string) => (reason ? w.t(`${key}Reason`, { reason }) : w.t(key));
	switch (flag.rule) {
		case 'self-invite':
			return w.t('evidence.selfInvite');
		case 'no-avatar':
			return w.t('evidence.noAvatar');
		case 'new-account': {
			const [days, minimum] = [num(d.accountAgeDays), num(d.minimum)];
			if (days === null || minimum === null) break;
			return w.t('evidence.newAccount', { days: w.n(days), minimum: w.n(minimum) });
		}
		case 'rejoin': {
			const [minutes, within] = [num(d.minutes), num(d.within)];
			if (minutes === null || within === null || (d.after !== 'leaving' && d.after !== 'join')) break;
			return w.t(d.after === 'leaving' ? 'evidence.rejoinAfterLeaving' : 'evidence.rejoinAfterJoin', {
				minutes: w.n(minutes),
				within: w.n(within),
			});
		}
		case 'inviter-burst': {
			const [recent, minutes, joins] = [num(d.recent), num(d.minutes), num(d.joins)];
			if (recent === null || minutes === null || joins === null) break;
			return w.t('evidence.inviterBurst', { recent: w.n(recent), minutes: w.n(minutes), joins: w.n(joins) });
		}
		case 'blacklisted-member':
			if (d.later === 'yes') return reason ? w.t('evidence.memberLater', { reason }) : flag.evidence;
			return withReason('evidence.member');
		case 'blacklisted-inviter':
			if (d.later === 'yes') return reason ? w.t('evidence.inviterLater', { reason }) : flag.evidence;
			return withReason('evidence.inviter');
	}
	return flag.evidence;
}
