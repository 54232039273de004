import { Events, Listener } from '@sapphire/framework';
import type { GuildMember, PartialGuildMember } from 'discord.js';
import { postMemberMessage } from 'foyer';
import { goodbyeMessage, type LeaveSettings } from './_goodbye-message.ts';

export class LeaveMemberRemove extends Listener<typeof Events.GuildMemberRemove> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildMemberRemove });
	}

	override async run(member: GuildMember | PartialGuildMember) {
		const s = this.container.plugins.settings('leave', member.guild.id) as LeaveSettings;
		const result = await postMemberMessage(goodbyeMessage(member, s));
		if (result) this.container.counters.add('leave', member.guild.id, 'goodbyes');
	}
}
