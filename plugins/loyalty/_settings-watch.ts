import { scheduleResync } from './_resync-schedule.ts';
import { sqlOn } from './_sql.ts';
import plugin from './plugin.ts';

// A new role mode (stack or highest) applies at once: the resync it asks for re-syncs every member
// with a tier. (The reconcile task catches a change this process did not see.)
plugin.onChange(async (change) => {
	if (change.kind !== 'settings') return;
	const { guildId } = change;
	const [row] = await sqlOn(plugin.em())('select role_mode_applied from loyalty_guilds where guild_id = ?', [guildId]);
	const applied = row?.role_mode_applied ?? null;
	if (applied !== null && applied !== plugin.settings(guildId).roleMode) await scheduleResync(guildId);
});
