import { Events, Listener } from '@sapphire/framework';
import type { GuildMember } from 'discord.js';
import plugin from '../plugin.ts';
import { countWelcome } from './_count-welcome.ts';
import { waitsForVerification } from './_wait-for-verification.ts';
import { welcomeMessage } from './_welcome-message.ts';

export class JoinMemberAdd extends Listener<typeof Events.GuildMemberAdd> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildMemberAdd });
	}

	override async run(member: GuildMember) {
		const s = plugin.settings(member.guild.id);
		if (await waitsForVerification(member, s.waitForVerification)) return;
		const result = await plugin.postMemberMessage(welcomeMessage(member, s));
		countWelcome(member.guild.id, result);
	}
}
