import { Listener } from '@sapphire/framework';
import type { PartialGuildMember } from 'discord.js';
import { CoreEvents } from 'foyer';
import { sessionFor } from '../_sessions.ts';

/** A member who left while Foyer was offline: as a leave, dated when Foyer found it. */
export class InvitesMemberLeftOffline extends Listener {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: CoreEvents.MemberLeftOffline });
	}

	override async run(member: PartialGuildMember) {
		await sessionFor(member.guild).memberLeft(member.id);
	}
}
