import { Events, Listener } from '@sapphire/framework';
import type { GuildMember, PartialGuildMember } from 'discord.js';
import plugin from '../plugin.ts';
import { goodbyeMessage } from './_goodbye-message.ts';

export class LeaveMemberRemove extends Listener<typeof Events.GuildMemberRemove> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildMemberRemove });
	}

	override async run(member: GuildMember | PartialGuildMember) {
		const result = await plugin.postMemberMessage(goodbyeMessage(member, plugin.settings(member.guild.id)));
		if (result) plugin.counters.add(member.guild.id, 'goodbyes');
	}
}
