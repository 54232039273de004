import { Events, Listener } from '@sapphire/framework';
import type { GuildMember } from 'discord.js';
import { assignRoles } from '../_assign.ts';
import { scheduleDelayed } from '../_jobs.ts';
import { listRules, rulesFor } from '../_rules.ts';

export class AutorolesMemberAdd extends Listener<typeof Events.GuildMemberAdd> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildMemberAdd });
	}

	override async run(member: GuildMember) {
		const rules = rulesFor(await listRules(member.guild.id), member.user.bot);
		if (rules.length === 0) return;
		// Persist the delayed part first: if giving the immediate roles fails, the later ones still come.
		await scheduleDelayed(
			member,
			rules.filter((r) => r.delaySeconds > 0),
		);
		await assignRoles(
			member,
			rules.filter((r) => r.delaySeconds === 0),
		);
	}
}
