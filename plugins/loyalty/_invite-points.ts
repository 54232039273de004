import type { FoyerEvent } from 'foyer';
import { recordEntry } from './_ledger.ts';
import { num, sqlOn } from './_sql.ts';
import plugin from './plugin.ts';

const DAY_MS = 86_400_000;

/**
 * A join the invites plugin counts as valid: its inviter gets the guild's points per invite, once per
 * join record (a provider that announces it again after a crash adds nothing). Off unless the admin
 * turned invite points on.
 */
export async function awardInvite(event: FoyerEvent<'invites:joinCounted'>): Promise<void> {
	const { invitePoints, pointsPerInvite } = plugin.settings(event.guildId);
	if (!invitePoints || pointsPerInvite <= 0) return;
	await recordEntry({
		guildId: event.guildId,
		userId: event.inviterId,
		amount: pointsPerInvite,
		reason: 'invite',
		actor: 'invites',
		reference: event.joinId,
		// Kept as written, in the server's language of the moment (the ledger is the server's record).
		note: plugin.t('invites.note', { guild: event.guildId, vars: { member: event.memberId, code: event.code } }),
	});
}

/**
 * A counted join that no longer counts: the points it gave are taken back when the member left within
 * the guild's window, and always when the join was fake or removed. Takes back what was given (not
 * today's rate), from whoever got it, once.
 */
export async function revokeInvite(event: FoyerEvent<'invites:joinUncounted'>): Promise<void> {
	const [award] = await sqlOn(plugin.em())(
		"select user_id, amount from loyalty_ledger where guild_id = ? and reason = 'invite' and reference = ?",
		[event.guildId, event.joinId],
	);
	if (!award) return;
	if (event.reason === 'left') {
		const days = plugin.settings(event.guildId).revokeDays;
		if (days === 0 || event.at - event.joinedAt > days * DAY_MS) return;
	}
	await recordEntry(
		{
			guildId: event.guildId,
			userId: String(award.user_id),
			amount: -(num(award.amount) ?? 0),
			reason: 'invite_revoked',
			actor: 'invites',
			reference: event.joinId,
			note: plugin.t(`invites.${event.reason}`, { guild: event.guildId, vars: { member: event.memberId } }),
		},
		{ allowNegative: true },
	);
}
