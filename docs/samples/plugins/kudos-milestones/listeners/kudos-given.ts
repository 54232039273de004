import { Listener } from '@sapphire/framework';
import type { FoyerEvent } from 'foyer';
import plugin from '../plugin.ts';

/** A listener piece for another plugin's event, named `<provider>:<event>`. */
export class KudosMilestonesGiven extends Listener {
	constructor(context: Listener.LoaderContext) {
		super(context, { event: 'kudos:given' });
	}

	override async run(event: FoyerEvent<'kudos:given'>) {
		if (event.total % plugin.settings(event.guildId).every !== 0) return;
		const channel = this.container.client.guilds.cache.get(event.guildId)?.systemChannel;
		await channel?.send({
			content: `<@${event.to}> has received ${event.total} kudos!`,
			allowedMentions: { users: [event.to] },
		});
	}
}
