import { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import { resyncStarted, scheduleResync } from '../_resync-schedule.ts';
import { forgetRetired } from '../_retired-roles.ts';
import { applyRoleMode } from '../_role-mode.ts';
import { sqlOn } from '../_sql.ts';
import { syncMember } from '../_sync.ts';
import plugin from '../plugin.ts';

/** Members handled per run; a guild with more gets another run right after (other jobs go in between). */
const BATCH = 50;

/** Syncs the roles and DMs of a guild's members whose tier state differs from their points. */
export class LoyaltyResyncTask extends ScheduledTask {
	constructor(context: ScheduledTask.LoaderContext, options: ScheduledTask.Options) {
		super(context, { ...options });
	}

	override async run(raw: unknown) {
		const { guildId } = plugin.payload('resync', raw);
		resyncStarted(guildId);
		const guild = this.container.client.guilds.cache.get(guildId);
		if (!guild || !plugin.enabledIn(guildId)) return;
		await applyRoleMode(guildId);
		const started = plugin.now();
		const rows = await sqlOn(plugin.em())(
			`select user_id from loyalty_balances where guild_id = ?
			 and (coalesce(tier_threshold, -1) <> coalesce(roles_threshold, -1) or coalesce(tier_threshold, -1) <> coalesce(dm_threshold, -1))
			 order by updated_at_ms limit ?`,
			[guildId, BATCH],
		);
		for (const row of rows) await syncMember(guild, String(row.user_id));
		if (rows.length === BATCH) await scheduleResync(guildId);
		// Every member marked before this run was just seen; the margin covers marks still being written then.
		else await forgetRetired(guildId, started - 5 * 60_000);
	}
}
