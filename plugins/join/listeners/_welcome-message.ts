import type { GuildMember } from 'discord.js';
import type { MemberMessage } from 'foyer';
import type plugin from '../plugin.ts';
import { joinEmbed } from './_embed.ts';

export type JoinSettings = ReturnType<typeof plugin.settings>;

/** The welcome for a member as the guild's settings say: the join listener, the test button and /welcome test send this. */
export function welcomeMessage(member: GuildMember, s: JoinSettings): Omit<MemberMessage, 'plugin'> {
	return {
		member,
		channelId: s.channel,
		template: s.template,
		combinedTemplate: s.raidTemplate,
		...(s.embed ? { embed: joinEmbed(s) } : {}),
	};
}
