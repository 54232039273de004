import { Events, Listener } from '@sapphire/framework';
import type { GuildMember } from 'discord.js';
import { giveRules, waitsForVerification } from '../_give-rules.ts';

export class AutorolesMemberAdd extends Listener<typeof Events.GuildMemberAdd> {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: Events.GuildMemberAdd });
	}

	override async run(member: GuildMember) {
		if (await waitsForVerification(member)) return;
		await giveRules(member);
	}
}
