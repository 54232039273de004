import { type GuildMember, GuildMemberFlags } from 'discord.js';
import { kickKey } from '../_ids.ts';
import { configured, DAY_MS, looksVerified, MINUTE_MS, type VerificationSettings } from '../_settings.ts';
import plugin from '../plugin.ts';
import { inOrder } from './_busy.ts';
import { verifiedSince } from './_journal.ts';
import { isMissingPermissions, isUnknownMember } from './_members.ts';
import { queueRole } from './_role-queue.ts';
import { GateRoleError, giveUnverified } from './_roles.ts';
import { verifyMember } from './_verify.ts';
import { addWaiting, startWaiting } from './_waiting.ts';

/**
 * A member joined. Under Discord's membership screening (`pending`) the gate waits until they are
 * through it: giving a role earlier would let them skip the screening. Bots are never gated.
 */
export async function admit(member: GuildMember): Promise<void> {
	if (member.user.bot) return;
	const s = plugin.settings(member.guild.id);
	if (!configured(s)) return;
	const joinedAt = member.joinedTimestamp ?? plugin.now();
	if (member.pending) {
		await addWaiting({
			guildId: member.guild.id,
			userId: member.id,
			username: member.user.username,
			stage: 'screening',
			joinedAt,
			deadlineAt: null,
		});
		return;
	}
	await gate(member, s, joinedAt, 'join');
}

/** Screening done (GUILD_MEMBER_UPDATE with pending false): now the gate applies, the deadline counted from here. */
export async function screeningDone(member: GuildMember): Promise<void> {
	const s = plugin.settings(member.guild.id);
	if (!configured(s)) return;
	await gate(member, s, member.joinedTimestamp ?? plugin.now(), 'screening');
}

async function gate(member: GuildMember, s: VerificationSettings, joinedAt: number, after: 'join' | 'screening') {
	const guild = member.guild;
	if (skips(member, s)) {
		await verifyMember(member, 'skip');
		return;
	}
	// Discord may announce a join twice, and an invite may grant the verified role: nothing to gate.
	if (after === 'join' && s.verifiedRole && looksVerified(member.roles.cache, s)) return;
	// Without a verified role nothing on the member shows it passed: the journal does.
	if (after === 'join' && !s.verifiedRole && (await verifiedSince(guild.id, member.id, joinedAt))) return;
	const deadlineAt = s.timeoutMinutes > 0 ? plugin.now() + s.timeoutMinutes * MINUTE_MS : null;
	if (after === 'screening') {
		if (!(await startWaiting(guild.id, member.id, deadlineAt))) return;
	} else {
		const row = { guildId: guild.id, userId: member.id, username: member.user.username, joinedAt, deadlineAt };
		if ((await addWaiting({ ...row, stage: 'waiting' })) === 'same') return;
	}
	// The deadline is stored before any role is given: if the role fails, the removal still comes.
	if (deadlineAt !== null)
		await plugin.schedule(
			'kick',
			{ guildId: guild.id, userId: member.id, joinedAt },
			{ at: new Date(deadlineAt), key: kickKey(guild.id, member.id) },
		);
	try {
		await inOrder(guild.id, member.id, () => queueRole(member, () => giveUnverified(member, s)));
	} catch (error) {
		if (isUnknownMember(error)) return;
		if (!(error instanceof GateRoleError) && !isMissingPermissions(error)) throw error;
		const reason =
			error instanceof GateRoleError ? error.message : plugin.t('notes.unverifiedRefused', { guild: guild.id });
		plugin.counters.add(guild.id, 'roleErrors');
		if (await plugin.counters.note(guild.id, reason))
			plugin.log.warn({ guild: guild.id, member: member.id }, `Unverified role not given: ${reason}`);
	}
}

/** Old enough accounts, and members a moderator marked "bypasses verification", skip the gate if configured. */
function skips(member: GuildMember, s: VerificationSettings): boolean {
	if (s.skipBypassFlag && member.flags.has(GuildMemberFlags.BypassesVerification)) return true;
	if (s.skipAccountAgeDays <= 0) return false;
	return plugin.now() - member.user.createdTimestamp >= s.skipAccountAgeDays * DAY_MS;
}
