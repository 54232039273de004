import type { Route } from '@sapphire/plugin-api';
import type { Guild } from 'discord.js';
import { recordDashboardChange } from 'foyer';
import plugin from '../plugin.ts';

/** Records a change made from the dashboard (by the logged-in user) in the guild's audit log. */
export function recordChange(request: Route.Request, guild: Guild, action: string, before: unknown, after: unknown) {
	return recordDashboardChange(request, {
		plugin: plugin.id,
		guildId: guild.id,
		action: `${plugin.id}.${action}`,
		before,
		after,
	});
}
