import { Events, Listener } from '@sapphire/framework';
import { DiscordAPIError, type GuildMember, RESTJSONErrorCodes } from 'discord.js';
import { templateContextOf } from 'foyer';
import { firstTimeClosed } from './_closed-once.ts';
import { count } from './_count.ts';

export class JoinDmMemberAdd extends Listener<typeof Events.GuildMemberAdd> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildMemberAdd });
	}

	override async run(member: GuildMember) {
		if (member.user.bot) return;
		const { template } = this.container.plugins.settings('join-dm', member.guild.id) as { template: string };
		const rendered = this.container.templates.render(template, templateContextOf(member));
		try {
			await member.send({ content: rendered.content, allowedMentions: rendered.allowedMentions });
			await count(member.guild.id, 'sent');
		} catch (error) {
			// Closed DMs are the member's choice, not a fault: one debug line and a counter, no error, and
			// a member who joins again (or a repeated GUILD_MEMBER_ADD) is neither logged nor counted twice.
			if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser) {
				if (!(await firstTimeClosed(member.guild.id, member.id))) return;
				this.container.log.debug(
					{ plugin: 'join-dm', guild: member.guild.id, member: member.id },
					'Member does not accept DMs',
				);
				await count(member.guild.id, 'failed');
				return;
			}
			throw error;
		}
	}
}
