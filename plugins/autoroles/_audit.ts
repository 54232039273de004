import type { Route } from '@sapphire/plugin-api';
import type { Guild } from 'discord.js';
import { recordDashboardChange } from 'foyer';
import type { AutoRole } from './_rules.ts';
import plugin from './plugin.ts';

export type AutorolesAction = 'add' | 'remove' | 'move';

/** A rule as the audit log keeps it: the role's name at the time, beside its id. */
export function auditedRule(guild: Guild, rule: AutoRole) {
	const { roleId, target, delaySeconds } = rule;
	return { roleId, roleName: guild.roles.cache.get(roleId)?.name ?? null, target, delaySeconds };
}

/** Records a change made from the dashboard, by the logged-in user, in the guild's audit log. */
export function recordChange(
	request: Route.Request,
	guild: Guild,
	action: AutorolesAction,
	before: unknown,
	after: unknown,
): Promise<void> {
	return recordDashboardChange(request, {
		plugin: plugin.id,
		guildId: guild.id,
		action: `${plugin.id}.${action}`,
		before,
		after,
	});
}
