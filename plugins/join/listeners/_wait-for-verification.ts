import type { GuildMember } from 'discord.js';
import plugin from '../plugin.ts';

/** Whether this member's welcome waits for `verification:verified` (the option is on and the gate is). */
export async function waitsForVerification(member: GuildMember, option: boolean): Promise<boolean> {
	if (!option || member.user.bot || !plugin.hasService('verification')) return false;
	return plugin.service('verification').gates(member.guild.id);
}

// The same verification may be announced again (after a crash): welcome it once.
const welcomed = new Set<string>();

export function firstAnnouncement(key: string): boolean {
	if (welcomed.has(key)) return false;
	welcomed.add(key);
	if (welcomed.size > 10_000) welcomed.delete(welcomed.values().next().value as string);
	return true;
}
