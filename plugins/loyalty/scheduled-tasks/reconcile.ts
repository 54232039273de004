import { ScheduledTask } from '@sapphire/plugin-scheduled-tasks';
import { scheduleResync } from '../_resync-schedule.ts';
import { applyRoleMode } from '../_role-mode.ts';
import { sqlOn } from '../_sql.ts';
import plugin from '../plugin.ts';

/**
 * Every minute: guilds whose members' roles are behind their points (a resync lost to a crash between
 * a delivery's commit and its scheduling, or the role mode changed in the settings) get a resync.
 */
export class LoyaltyReconcileTask extends ScheduledTask {
	constructor(context: ScheduledTask.LoaderContext, options: ScheduledTask.Options) {
		super(context, { ...options, interval: 60_000 });
	}

	override async run() {
		const sql = sqlOn(plugin.em());
		const behind = new Set(
			(
				await sql(
					`select distinct guild_id from loyalty_balances
					 where coalesce(tier_threshold, -1) <> coalesce(roles_threshold, -1) or coalesce(tier_threshold, -1) <> coalesce(dm_threshold, -1)`,
				)
			).map((r) => String(r.guild_id)),
		);
		for (const row of await sql('select guild_id from loyalty_guilds')) {
			const guildId = String(row.guild_id);
			if (!this.container.client.guilds.cache.has(guildId) || !plugin.enabledIn(guildId)) continue;
			if (behind.has(guildId) || (await applyRoleMode(guildId))) await scheduleResync(guildId);
		}
	}
}
