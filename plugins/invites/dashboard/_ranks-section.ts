import type { Guild } from 'discord.js';
import { assignProblem } from 'foyer';
import plugin from '../plugin.ts';
import { listRanks } from '../records/index.ts';
import { pagePath, settingsPath } from './_paths.ts';
import type { RankField, RankValues } from './_rank-input.ts';

export interface RanksState {
	message?: { kind: 'ok' | 'error'; text: string };
	values?: RankValues;
	errors?: Partial<Record<RankField, string>>;
}

/** The roles of the rank form, highest first; those Foyer cannot give are listed disabled, with why. */
function roleChoices(guild: Guild, taken: Set<string>) {
	return [...guild.roles.cache.values()]
		.filter((r) => r.id !== guild.id)
		.sort((a, b) => b.rawPosition - a.rawPosition || a.id.localeCompare(b.id))
		.map((r) => ({
			id: r.id,
			name: r.name,
			reason: taken.has(r.id) ? 'already a rank' : assignProblem(r) ? 'Foyer cannot give it' : null,
		}));
}

/** The ranks section (views/ranks.eta): ranks with their role problems, add, remove and repair. */
export async function renderRanksSection(guild: Guild, csrf: string, state: RanksState = {}): Promise<string> {
	const ranks = await listRanks(guild.id);
	const settings = plugin.settings(guild.id);
	const rows = ranks.map((r) => {
		const role = guild.roles.cache.get(r.roleId);
		return {
			roleId: r.roleId,
			invites: r.invites,
			role: role?.name ?? `deleted role ${r.roleId}`,
			problem: role ? assignProblem(role) : 'the role was deleted; remove this rank',
		};
	});
	return plugin.views.render('ranks', {
		base: pagePath(guild.id),
		settings: settingsPath(guild.id),
		csrf,
		rows,
		roles: roleChoices(guild, new Set(ranks.map((r) => r.roleId))),
		mode: settings.rankMode,
		enabled: settings.ranks,
		message: state.message ?? null,
		values: state.values ?? { role: '', invites: '' },
		errors: state.errors ?? {},
	});
}
