import { Events, Listener } from '@sapphire/framework';
import type { Invite } from 'discord.js';
import { sessionOf } from '../_sessions.ts';

/** INVITE_DELETE: a one-use invite used up, or deleted (the audit log tells which). */
export class InvitesInviteDelete extends Listener<typeof Events.InviteDelete> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.InviteDelete });
	}

	override run(invite: Invite) {
		if (invite.guild) sessionOf(invite.guild.id)?.inviteDelete(invite.code);
	}
}
