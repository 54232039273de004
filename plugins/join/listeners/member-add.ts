import { Events, Listener } from '@sapphire/framework';
import type { GuildMember } from 'discord.js';
import { sendMemberTemplate } from 'foyer';

export class JoinMemberAdd extends Listener<typeof Events.GuildMemberAdd> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildMemberAdd });
	}

	override async run(member: GuildMember) {
		const { channel, template } = this.container.plugins.settings('join', member.guild.id) as {
			channel: string | null;
			template: string;
		};
		await sendMemberTemplate('join', member, channel, template);
	}
}
