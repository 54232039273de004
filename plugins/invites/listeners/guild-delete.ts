import { Events, Listener } from '@sapphire/framework';
import type { Guild } from 'discord.js';
import { stopSession } from '../_sessions.ts';

export class InvitesGuildDelete extends Listener<typeof Events.GuildDelete> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildDelete });
	}

	override run(guild: Guild) {
		stopSession(guild.id);
	}
}
