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
	const locale = plugin.language(guild.id);
	const t = plugin.translator({ locale });
	const tiers = await listTiers(guild.id);
	const roles = roleOptions(guild);
	const rows = tiers.map((tier) => {
		const editing = state.tierId === tier.id;
		const values = editing && state.values ? state.values : {};
		return {
			id: tier.id,
			name: values.name ?? tier.name,
			threshold: values.threshold ?? String(tier.threshold),
			role: values.role ?? tier.roleId ?? '',
			benefits: values.benefits ?? tier.benefits,
			errors: editing ? (state.errors ?? {}) : {},
			roleProblem: tier.roleId
				? (() => {
						const role = guild.roles.cache.get(tier.roleId);
						return role ? assignProblem(role) : t('tiers.roleGone');
					})()
				: null,
			label: tier.name,
		};
	});
	const adding = state.tierId === null;
	return plugin.views.render('tiers', {
		locale,
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
