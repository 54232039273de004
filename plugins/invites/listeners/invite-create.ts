import { Events, Listener } from '@sapphire/framework';
import type { Invite } from 'discord.js';
import { sessionOf } from '../_sessions.ts';

/** INVITE_CREATE (needs Manage Channels): evidence for codes created and used between two snapshots. */
export class InvitesInviteCreate extends Listener<typeof Events.InviteCreate> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.InviteCreate });
	}

	override run(invite: Invite) {
		if (invite.guild) sessionOf(invite.guild.id)?.inviteCreate(invite);
	}
}
