import { type Guild, PermissionFlagsBits } from 'discord.js';
import { assignProblem, channelProblem } from 'foyer';
import type { VerificationSettings } from '../_settings.ts';

/**
 * Why the gate cannot give or take its roles in this guild now (a role deleted, or moved above
 * Foyer's after it was saved), or null. Checked before each role change: a 403 per member in a raid
 * would add up to Discord's invalid-request ban.
 */
export function roleProblem(guild: Guild, s: VerificationSettings, only?: 'verified' | 'unverified'): string | null {
	for (const [id, what] of [
		[s.verifiedRole, 'verified'],
		[s.unverifiedRole, 'unverified'],
	] as const) {
		if (!id || (only && only !== what)) continue;
		const role = guild.roles.cache.get(id);
		if (!role) return `The ${what} role no longer exists; choose another one.`;
		const problem = assignProblem(role);
		if (problem) return `The ${what} role cannot be given: ${problem}`;
	}
	if (s.verifiedRole && s.verifiedRole === s.unverifiedRole)
		return 'The verified and unverified roles are the same role; choose two different roles.';
	return null;
}

/** Everything that keeps the gate from working as configured, in words an admin can act on. */
export function gateProblems(guild: Guild, s: VerificationSettings): string[] {
	const problems: string[] = [];
	if (!s.channel) problems.push('Choose a verification channel: the gate is off until then.');
	else {
		const channel = guild.channels.cache.get(s.channel);
		const problem = channel ? channelProblem(channel) : 'The verification channel no longer exists.';
		if (problem) problems.push(`Verification channel: ${problem}`);
	}
	if (!s.verifiedRole && !s.unverifiedRole)
		problems.push('Choose a verified role, an unverified role or both: the gate is off until then.');
	const roles = roleProblem(guild, s);
	if (roles) problems.push(roles);
	const me = guild.members.me;
	if (me && s.timeoutMinutes > 0 && !me.permissions.has(PermissionFlagsBits.KickMembers))
		problems.push('Foyer lacks Kick Members: members who do not verify in time cannot be removed.');
	if (me && s.lockdownPauseInvites && !me.permissions.has(PermissionFlagsBits.ManageGuild))
		problems.push('Foyer lacks Manage Server: a lockdown cannot pause invites.');
	return problems;
}
