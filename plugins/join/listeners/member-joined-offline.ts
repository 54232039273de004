import { Listener } from '@sapphire/framework';
import type { GuildMember } from 'discord.js';
import { CoreEvents } from 'foyer';
import plugin from '../plugin.ts';
import { countWelcome } from './_count-welcome.ts';
import { welcomeMessage } from './_welcome-message.ts';

/** Members who joined while Foyer was offline are welcomed late only if the guild asked for it. */
export class JoinMemberJoinedOffline extends Listener {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: CoreEvents.MemberJoinedOffline });
	}

	override async run(member: GuildMember) {
		const s = plugin.settings(member.guild.id);
		if (!s.welcomeOffline) return;
		const result = await plugin.postMemberMessage(welcomeMessage(member, s));
		countWelcome(member.guild.id, result);
	}
}
