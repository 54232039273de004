import type { Guild } from 'discord.js';
import { assignProblem } from 'foyer';
import plugin from '../plugin.ts';
import { listRanks } from '../records/index.ts';
import type { PageWords } from './_format.ts';
import { pagePath, settingsPath } from './_paths.ts';
import type { RankField, RankValues } from './_rank-input.ts';

export interface RanksState {
	message?: { kind: 'ok' | 'error'; text: string };
	values?: RankValues;
	errors?: Partial<Record<RankField, string>>;
}

/** The roles of the rank form, highest first; those Foyer cannot give are listed disabled, with why. */
function roleChoices(guild: Guild, taken: Set<string>, w: PageWords) {
	return [...guild.roles.cache.values()]
		.filter((r) => r.id !== guild.id)
		.sort((a, b) => b.rawPosition - a.rawPosition || a.id.localeCompare(b.id))
		.map((r) => ({
			id: r.id,
			name: r.name,
			reason: taken.has(r.id) ? w.t('ranks.alreadyRank') : assignProblem(r) ? w.t('ranks.cannotGive') : null,
		}));
}

/** The ranks section (views/ranks.eta): ranks with their role problems, add, remove and repair. */
export async function renderRanksSection(
	guild: Guild,
	csrf: string,
	w: PageWords,
	state: RanksState = {},
): Promise<string> {
	const ranks = await listRanks(guild.id);
	const settings = plugin.settings(guild.id);
	const rows = ranks.map((r) => {
		const role = guild.roles.cache.get(r.roleId);
		return {
			roleId: r.roleId,
			invites: w.n(r.invites),
			role: role?.name ?? w.t('ranks.deletedRole', { id: r.roleId }),
			problem: role ? assignProblem(role, w.locale) : w.t('ranks.roleDeleted'),
		};
	});
	return plugin.views.render('ranks', {
		locale: w.locale,
		base: pagePath(guild.id),
		settings: settingsPath(guild.id),
		csrf,
		rows,
		roles: roleChoices(guild, new Set(ranks.map((r) => r.roleId)), w),
		mode: w.t(`settings.rankMode.choices.${settings.rankMode}`),
		highest: settings.rankMode === 'highest',
		enabled: settings.ranks,
		message: state.message ?? null,
		values: state.values ?? { role: '', invites: '' },
		errors: state.errors ?? {},
	});
}
