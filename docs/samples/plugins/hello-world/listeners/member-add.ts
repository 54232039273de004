import { Events, Listener } from '@sapphire/framework';
import type { GuildMember } from 'discord.js';
import plugin from '../plugin.ts';

/** Counts the members who join (batched, atomic; shown by the command and the dashboard page). */
export class HelloWorldMemberAdd extends Listener<typeof Events.GuildMemberAdd> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildMemberAdd });
	}

	override run(member: GuildMember) {
		plugin.counters.add(member.guild.id, 'joins');
	}
}
