import type { Guild } from 'discord.js';
import { assignProblem, type Translate } from 'foyer';
import type { AutoRole } from './_rules.ts';

/** A role of the "Add a rule" select: roles Foyer cannot give are listed, disabled, with the reason. */
export interface RoleChoice {
	id: string;
	name: string;
	/** Why it cannot be chosen, or null. */
	reason: string | null;
}

/** The guild's roles, highest first as in Discord's settings, without @everyone. */
export function roleChoices(guild: Guild, rules: readonly AutoRole[], t: Translate): RoleChoice[] {
	const taken = new Set(rules.map((r) => r.roleId));
	return [...guild.roles.cache.values()]
		.filter((role) => role.id !== guild.id)
		.sort((a, b) => b.rawPosition - a.rawPosition || a.id.localeCompare(b.id))
		.map((role) => ({
			id: role.id,
			name: role.name,
			reason: taken.has(role.id) ? t('errors.alreadyAutoRole') : assignProblem(role, t.locale),
		}));
}
