import { Listener } from '@sapphire/framework';
import type { FoyerEvent } from 'foyer';
import { giveRules } from '../_give-rules.ts';
import plugin from '../plugin.ts';

/**
 * "Wait for verification": the roles held at the join are given once the member passed the gate,
 * delays counted from the verification. Giving is idempotent (roles held are skipped, delayed jobs
 * are keyed), so an event announced twice gives nothing twice.
 */
export class AutorolesMemberVerified extends Listener {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: 'verification:verified' });
	}

	override async run(event: FoyerEvent<'verification:verified'>) {
		if (!plugin.settings(event.guildId).waitForVerification || !event.afterJoin) return;
		const member = await this.container.client.guilds.cache
			.get(event.guildId)
			?.members.fetch(event.memberId)
			.catch(() => null);
		if (member && !member.user.bot) await giveRules(member, event.at);
	}
}
