import type { GuildMember, PartialGuildMember } from 'discord.js';
import type { MemberMessage, SettingsOf } from 'foyer';
import type manifest from '../plugin.ts';

export type LeaveSettings = SettingsOf<NonNullable<(typeof manifest)['settings']>>;

/** The goodbye for a member as the guild's settings say: the leave listener, the test button and /goodbye test send this. */
export function goodbyeMessage(member: GuildMember | PartialGuildMember, s: LeaveSettings): MemberMessage {
	return { plugin: 'leave', member, channelId: s.channel, template: s.template, combinedTemplate: s.raidTemplate };
}
