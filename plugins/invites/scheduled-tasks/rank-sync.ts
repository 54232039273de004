import { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import { syncAllRanks } from '../_ranks.ts';
import plugin from '../plugin.ts';

/** The ranks repair action (and a rank added, moved or removed): every member's rank roles re-synced. */
export class InvitesRankSyncTask extends ScheduledTask {
	constructor(context: ScheduledTask.LoaderContext, options: ScheduledTask.Options) {
		super(context, { ...options });
	}

	override async run(raw: unknown) {
		const { guildId } = plugin.payload('rank-sync', raw);
		const guild = this.container.client.guilds.cache.get(guildId);
		if (!guild || !plugin.enabledIn(guildId)) return;
		const changed = await syncAllRanks(guild);
		plugin.log.info({ guild: guildId, changed }, 'Invite rank roles re-synced');
	}
}
