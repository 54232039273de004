import type { GuildMember } from 'discord.js';
import type { VerificationSettings } from '../_settings.ts';
import plugin from '../plugin.ts';

/** The seed's welcome_after_verify, through the template engine, combined with others' in a raid. */
export async function welcomeVerified(member: GuildMember, s: VerificationSettings): Promise<void> {
	if (!s.welcomeTemplate.trim()) return;
	await plugin
		.postMemberMessage({
			member,
			channelId: s.welcomeChannel ?? s.channel,
			template: s.welcomeTemplate,
			combinedTemplate: s.welcomeRaidTemplate,
		})
		.catch(async (error: unknown) => {
			const message = error instanceof Error ? error.message : String(error);
			if (
				await plugin.counters.note(
					member.guild.id,
					plugin.t('notes.welcomeNotSent', { guild: member.guild.id, vars: { message } }),
				)
			)
				plugin.log.warn({ guild: member.guild.id, err: error }, 'Message after verification not sent');
		});
}
