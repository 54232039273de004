import { Events, Listener } from '@sapphire/framework';
import { DiscordAPIError, type GuildMember, RESTJSONErrorCodes } from 'discord.js';
import { sendMessage } from 'foyer';
import plugin from '../plugin.ts';
import { firstTimeClosed } from './_closed-once.ts';

export class JoinDmMemberAdd extends Listener<typeof Events.GuildMemberAdd> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildMemberAdd });
	}

	override async run(member: GuildMember) {
		if (member.user.bot) return;
		const { template } = plugin.settings(member.guild.id);
		const rendered = await plugin.renderTemplate(template, member);
		try {
			// Durable: recorded before it is sent, and sent once however often the join is delivered.
			const sent = await sendMessage({
				plugin: plugin.id,
				userId: member.id,
				message: { content: rendered.content, allowedMentions: rendered.allowedMentions },
			});
			if (sent) plugin.counters.add(member.guild.id, 'sent');
		} catch (error) {
			// Closed DMs are the member's choice, not a fault: one debug line and a counter, no error, and
			// a member who joins again (or a repeated GUILD_MEMBER_ADD) is neither logged nor counted twice.
			if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser) {
				if (!(await firstTimeClosed(member.guild.id, member.id))) return;
				plugin.log.debug({ guild: member.guild.id, member: member.id }, 'Member does not accept DMs');
				plugin.counters.add(member.guild.id, 'failed');
				return;
			}
			throw error;
		}
	}
}
