import { Events, Listener } from '@sapphire/framework';
import type { GuildMember, PartialGuildMember } from 'discord.js';
import { sessionFor } from '../_sessions.ts';

/** A leave: the member's join moves to `left` for its inviter (`invites:joinUncounted`, reason left). */
export class InvitesMemberRemove extends Listener<typeof Events.GuildMemberRemove> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildMemberRemove });
	}

	override async run(member: GuildMember | PartialGuildMember) {
		await sessionFor(member.guild).memberLeft(member.id);
	}
}
