import type { GuildMember, PartialGuildMember } from 'discord.js';
import type { TemplateContext } from './template-engine.ts';

/** The template context of a discord.js member (works for the partial members of leave events). */
export function templateContextOf(member: GuildMember | PartialGuildMember): TemplateContext {
	const user = member.user;
	return {
		member: {
			id: member.id,
			username: user?.username ?? 'unknown',
			displayName: member.displayName ?? user?.globalName ?? null,
			discriminator: user?.discriminator ?? null,
			avatarUrl: user?.displayAvatarURL() ?? null,
		},
		guild: {
			id: member.guild.id,
			name: member.guild.name,
			memberCount: member.guild.memberCount,
			rulesChannelId: member.guild.rulesChannelId,
		},
	};
}
