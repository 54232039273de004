import { Events, Listener } from '@sapphire/framework';
import type { GuildMember, PartialGuildMember } from 'discord.js';
import { postMemberMessage } from 'foyer';

export class LeaveMemberRemove extends Listener<typeof Events.GuildMemberRemove> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildMemberRemove });
	}

	override async run(member: GuildMember | PartialGuildMember) {
		const { channel, template, raidTemplate } = this.container.plugins.settings('leave', member.guild.id) as {
			channel: string | null;
			template: string;
			raidTemplate: string;
		};
		const result = await postMemberMessage({
			plugin: 'leave',
			member,
			channelId: channel,
			template,
			combinedTemplate: raidTemplate,
		});
		if (result) this.container.counters.add('leave', member.guild.id, 'goodbyes');
	}
}
