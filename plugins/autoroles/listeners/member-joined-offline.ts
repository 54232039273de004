import { Listener } from '@sapphire/framework';
import type { GuildMember } from 'discord.js';
import { CoreEvents } from 'foyer';
import { giveRules, waitsForVerification } from '../_give-rules.ts';

/** A member who joined while Foyer was offline gets their auto roles like any other (delays counted from the join). */
export class AutorolesMemberJoinedOffline extends Listener {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: CoreEvents.MemberJoinedOffline });
	}

	override async run(member: GuildMember) {
		if (await waitsForVerification(member)) return;
		await giveRules(member);
	}
}
