import { Listener } from '@sapphire/framework';
import type { FoyerEvent } from 'foyer';
import plugin from '../plugin.ts';
import { countWelcome } from './_count-welcome.ts';
import { firstAnnouncement } from './_wait-for-verification.ts';
import { welcomeMessage } from './_welcome-message.ts';

/** "Wait for verification": the welcome held at the join goes out once the member passed the gate. */
export class JoinMemberVerified extends Listener {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: 'verification:verified' });
	}

	override async run(event: FoyerEvent<'verification:verified'>) {
		const s = plugin.settings(event.guildId);
		if (!s.waitForVerification || !event.afterJoin) return;
		if (!firstAnnouncement(`${event.guildId}:${event.memberId}:${event.at}`)) return;
		const member = await this.container.client.guilds.cache
			.get(event.guildId)
			?.members.fetch(event.memberId)
			.catch(() => null);
		if (!member) return;
		countWelcome(event.guildId, await plugin.postMemberMessage(welcomeMessage(member, s)));
	}
}
