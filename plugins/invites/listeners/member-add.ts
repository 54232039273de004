import { Events, Listener } from '@sapphire/framework';
import type { GuildMember } from 'discord.js';
import { sessionFor } from '../_sessions.ts';
import '../_context.ts';

/** A join (delivered once by the core's event ledger): to the engine at once, recorded before this resolves. */
export class InvitesMemberAdd extends Listener<typeof Events.GuildMemberAdd> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildMemberAdd });
	}

	override async run(member: GuildMember) {
		await sessionFor(member.guild).memberAdd(member);
	}
}
