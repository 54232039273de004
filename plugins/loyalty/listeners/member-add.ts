import { Events, Listener } from '@sapphire/framework';
import type { GuildMember } from 'discord.js';
import '../_placeholders.ts';
import '../_settings-watch.ts';
import { scheduleResync } from '../_resync-schedule.ts';
import { sqlOn } from '../_sql.ts';
import plugin from '../plugin.ts';

/** A member with a tier (re)joins: their tier roles are given back by the next resync. */
export class LoyaltyMemberAdd extends Listener<typeof Events.GuildMemberAdd> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildMemberAdd });
	}

	override async run(member: GuildMember) {
		if (member.user.bot) return;
		const marked = await sqlOn(plugin.em())(
			'update loyalty_balances set roles_threshold = -2 where guild_id = ? and user_id = ? and tier_threshold is not null returning user_id',
			[member.guild.id, member.id],
		);
		if (marked.length) await scheduleResync(member.guild.id);
	}
}
