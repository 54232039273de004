import { type Guild, PermissionFlagsBits } from 'discord.js';
import { assignProblem, channelProblem, type Translate } from 'foyer';
import type { VerificationSettings } from '../_settings.ts';
import plugin from '../plugin.ts';

/**
 * Why the gate cannot give or take its roles in this guild now (a role deleted, or moved above
 * Foyer's after it was saved), or null. Checked before each role change: a 403 per member in a raid
 * would add up to Discord's invalid-request ban. Worded by `t` (English for the logs by default).
 */
export function roleProblem(
	guild: Guild,
	s: VerificationSettings,
	only?: 'verified' | 'unverified',
	t: Translate = plugin.translator({}),
): string | null {
	for (const [id, what] of [
		[s.verifiedRole, 'verified'],
		[s.unverifiedRole, 'unverified'],
	] as const) {
		if (!id || (only && only !== what)) continue;
		const role = guild.roles.cache.get(id);
		if (!role) return t('problems.roleGone', { what: t(`problems.${what}`) });
		const problem = assignProblem(role, t.locale);
		if (problem) return t('problems.roleCannot', { what: t(`problems.${what}`), problem });
	}
	if (s.verifiedRole && s.verifiedRole === s.unverifiedRole) return t('problems.sameRole');
	return null;
}

/** Everything that keeps the gate from working as configured, in words an admin can act on (in `t`'s language). */
export function gateProblems(guild: Guild, s: VerificationSettings, t: Translate): string[] {
	const problems: string[] = [];
	if (!s.channel) problems.push(t('problems.noChannel'));
	else {
		const channel = guild.channels.cache.get(s.channel);
		const problem = channel ? channelProblem(channel, t.locale) : t('problems.channelGone');
		if (problem) problems.push(t('problems.channel', { problem }));
	}
	if (!s.verifiedRole && !s.unverifiedRole) problems.push(t('problems.noRoles'));
	const roles = roleProblem(guild, s, undefined, t);
	if (roles) problems.push(roles);
	const me = guild.members.me;
	if (me && s.timeoutMinutes > 0 && !me.permissions.has(PermissionFlagsBits.KickMembers))
		problems.push(t('problems.noKick'));
	if (me && s.lockdownPauseInvites && !me.permissions.has(PermissionFlagsBits.ManageGuild))
		problems.push(t('problems.noManageServer'));
	return problems;
}
