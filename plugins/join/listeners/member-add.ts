import { Events, Listener } from '@sapphire/framework';
import type { GuildMember } from 'discord.js';
import { postMemberMessage, type SettingsOf } from 'foyer';
import type manifest from '../plugin.ts';
import { countWelcome } from './_count-welcome.ts';
import { joinEmbed } from './_embed.ts';

type JoinSettings = SettingsOf<NonNullable<(typeof manifest)['settings']>>;

export class JoinMemberAdd extends Listener<typeof Events.GuildMemberAdd> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildMemberAdd });
	}

	override async run(member: GuildMember) {
		const s = this.container.plugins.settings('join', member.guild.id) as JoinSettings;
		const result = await postMemberMessage({
			plugin: 'join',
			member,
			channelId: s.channel,
			template: s.template,
			combinedTemplate: s.raidTemplate,
			...(s.embed ? { embed: joinEmbed(s) } : {}),
		});
		countWelcome(member.guild.id, result);
	}
}
