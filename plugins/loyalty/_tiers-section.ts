import type { Guild } from 'discord.js';
import { assignProblem } from 'foyer';
import { pagePath } from './_answer.ts';
import { MAX_TIERS, type TierErrors } from './_tier-input.ts';
import { listTiers } from './_tiers.ts';
import plugin from './plugin.ts';

export interface TiersSectionState {
	/** The tier whose form was posted (null: the add form), its values as typed and its errors. */
	tierId?: number | null;
	values?: Record<string, string>;
	errors?: TierErrors;
	message?: { kind: 'ok' | 'error'; text: string } | null;
}

/** The guild's roles for a tier's role picker, highest first; those Foyer cannot give are disabled with the reason. */
function roleOptions(guild: Guild) {
	return [...guild.roles.cache.values()]
		.filter((role) => role.id !== guild.id)
		.sort((a, b) => b.rawPosition - a.rawPosition || a.id.localeCompare(b.id))
		.map((role) => ({ id: role.id, name: role.name, reason: assignProblem(role) }));
}

/** The tiers editor: one form per tier (save, remove) and an add form, each with its errors beside its fields. */
export async function renderTiersSection(guild: Guild, csrf: string, state: TiersSectionState = {}): Promise<string> {
	const tiers = await listTiers(guild.id);
	const roles = roleOptions(guild);
	const rows = tiers.map((t) => {
		const editing = state.tierId === t.id;
		const values = editing && state.values ? state.values : {};
		return {
			id: t.id,
			name: values.name ?? t.name,
			threshold: values.threshold ?? String(t.threshold),
			role: values.role ?? t.roleId ?? '',
			benefits: values.benefits ?? t.benefits,
			errors: editing ? (state.errors ?? {}) : {},
			roleProblem: t.roleId
				? (() => {
						const role = guild.roles.cache.get(t.roleId);
						return role ? assignProblem(role) : 'This role no longer exists; choose another.';
					})()
				: null,
			label: t.name,
		};
	});
	const adding = state.tierId === null;
	return plugin.views.render('tiers', {
		base: pagePath(guild.id),
		csrf,
		message: state.message ?? null,
		rows,
		roles,
		add: {
			values: { name: '', threshold: '', role: '', benefits: '', ...(adding ? state.values : {}) },
			errors: adding ? (state.errors ?? {}) : {},
		},
		full: tiers.length >= MAX_TIERS,
		max: MAX_TIERS,
		mode: plugin.settings(guild.id).roleMode,
	});
}
