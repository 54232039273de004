import { Events, Listener } from '@sapphire/framework';
import type { Guild } from 'discord.js';
import { sessionFor } from '../_sessions.ts';
import plugin from '../plugin.ts';

/** Foyer joined a guild: its first snapshot now (joins before it are not attributable). */
export class InvitesGuildCreate extends Listener<typeof Events.GuildCreate> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildCreate });
	}

	override run(guild: Guild) {
		if (plugin.enabledIn(guild.id)) sessionFor(guild);
	}
}
