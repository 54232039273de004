import type { GuildMember } from 'discord.js';
import type { MemberMessage, SettingsOf } from 'foyer';
import type manifest from '../plugin.ts';
import { joinEmbed } from './_embed.ts';

export type JoinSettings = SettingsOf<NonNullable<(typeof manifest)['settings']>>;

/** The welcome for a member as the guild's settings say: the join listener, the test button and /welcome test send this. */
export function welcomeMessage(member: GuildMember, s: JoinSettings): MemberMessage {
	return {
		plugin: 'join',
		member,
		channelId: s.channel,
		template: s.template,
		combinedTemplate: s.raidTemplate,
		...(s.embed ? { embed: joinEmbed(s) } : {}),
	};
}
