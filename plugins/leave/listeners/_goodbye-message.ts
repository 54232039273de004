import type { GuildMember, PartialGuildMember } from 'discord.js';
import type { MemberMessage } from 'foyer';
import type plugin from '../plugin.ts';

export type LeaveSettings = ReturnType<typeof plugin.settings>;

/** The goodbye for a member as the guild's settings say: the leave listener, the test button and /goodbye test send this. */
export function goodbyeMessage(
	member: GuildMember | PartialGuildMember,
	s: LeaveSettings,
): Omit<MemberMessage, 'plugin'> {
	return { member, channelId: s.channel, template: s.template, combinedTemplate: s.raidTemplate };
}
