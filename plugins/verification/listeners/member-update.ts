import { Events, Listener } from '@sapphire/framework';
import { type GuildMember, GuildMemberFlags, type PartialGuildMember } from 'discord.js';
import { configured } from '../_settings.ts';
import { screeningDone } from '../gate/_admit.ts';
import { verifyMember } from '../gate/_verify.ts';
import { findWaiting } from '../gate/_waiting.ts';
import plugin from '../plugin.ts';

/**
 * Three changes concern the gate: a member finished Discord's membership screening (now the gate
 * applies), a moderator gave the verified role by hand (or, without one, took the unverified role
 * away), or set the "bypasses verification" flag. The last two count as verifications: the pending
 * removal is cancelled, as seed 004's sleep-then-kick never did.
 */
export class VerificationMemberUpdate extends Listener<typeof Events.GuildMemberUpdate> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildMemberUpdate });
	}

	override async run(old: GuildMember | PartialGuildMember, member: GuildMember) {
		const s = plugin.settings(member.guild.id);
		if (member.user.bot || !configured(s)) return;
		const known = !old.partial;
		if (!member.pending && !(known && old.pending === false)) {
			const row = await findWaiting(member.guild.id, member.id);
			if (row?.stage === 'screening') {
				await screeningDone(member);
				return;
			}
		}
		const gained = (id: string) => member.roles.cache.has(id) && !(known && old.roles.cache.has(id));
		const lost = (id: string) => !member.roles.cache.has(id) && known && old.roles.cache.has(id);
		const byRole = s.verifiedRole ? gained(s.verifiedRole) : s.unverifiedRole ? lost(s.unverifiedRole) : false;
		const bypass = GuildMemberFlags.BypassesVerification;
		const flagged = s.skipBypassFlag && member.flags.has(bypass) && !(known && old.flags?.has(bypass));
		if (!byRole && !flagged) return;
		if (!(await findWaiting(member.guild.id, member.id))) return;
		await verifyMember(member, byRole ? 'manual-role' : 'skip');
	}
}
