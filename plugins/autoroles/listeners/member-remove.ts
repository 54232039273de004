import { Events, Listener } from '@sapphire/framework';
import type { GuildMember, PartialGuildMember } from 'discord.js';
import { cancelDelayed } from '../_jobs.ts';

export class AutorolesMemberRemove extends Listener<typeof Events.GuildMemberRemove> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildMemberRemove });
	}

	override async run(member: GuildMember | PartialGuildMember) {
		await cancelDelayed(member.guild.id, member.id);
	}
}
