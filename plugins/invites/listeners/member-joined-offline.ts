import { Listener } from '@sapphire/framework';
import type { GuildMember } from 'discord.js';
import { CoreEvents } from 'foyer';
import { sessionFor } from '../_sessions.ts';

/** A member who joined while Foyer was offline (found in the member list at start): an offline join. */
export class InvitesMemberJoinedOffline extends Listener {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: CoreEvents.MemberJoinedOffline });
	}

	override async run(member: GuildMember) {
		await sessionFor(member.guild).memberAdd(member, true);
	}
}
