import { Events, Listener } from '@sapphire/framework';
import type { GuildMember } from 'discord.js';
import { postMemberMessage } from 'foyer';
import { countWelcome } from './_count-welcome.ts';
import { type JoinSettings, welcomeMessage } from './_welcome-message.ts';

export class JoinMemberAdd extends Listener<typeof Events.GuildMemberAdd> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildMemberAdd });
	}

	override async run(member: GuildMember) {
		const s = this.container.plugins.settings('join', member.guild.id) as JoinSettings;
		const result = await postMemberMessage(welcomeMessage(member, s));
		countWelcome(member.guild.id, result);
	}
}
