import type { Guild } from 'discord.js';
import { DELAY_UNITS } from './_delay-form.ts';
import { roleChoices } from './_role-choices.ts';
import { type FieldErrors, MAX_RULES, TARGETS } from './_rule-input.ts';
import { viewRules } from './_rules.ts';
import plugin from './plugin.ts';

/** What the "Add a rule" form shows again after a post: the values typed and the errors per field. */
export interface RulesSectionState {
	values?: { role?: string; delay?: string; unit?: string; target?: string };
	errors?: FieldErrors;
	/** A line above the table: what was just done, or why a remove or move was refused. */
	message?: { kind: 'ok' | 'error'; text: string } | null;
}

export const pagePath = (guildId: string) => `/${plugin.id}/${guildId}`;

/**
 * The rules section of the page (the table, its buttons and the "Add a rule" form), rendered from
 * views/rules.eta. It is its own htmx target: every post answers it whole, so page and fragment agree.
 * Written in `locale`, the page's.
 */
export async function renderRulesSection(
	guild: Guild,
	csrf: string,
	locale: string,
	state: RulesSectionState = {},
): Promise<string> {
	const t = plugin.translator({ locale });
	const rules = await viewRules(guild, t);
	const values = { role: '', delay: '0', unit: 'minutes', target: 'humans', ...state.values };
	const roles = roleChoices(guild, rules, t);
	return plugin.views.render('rules', {
		locale,
		base: pagePath(guild.id),
		csrf,
		message: state.message ?? null,
		rules: rules.map((rule, i) => ({
			...rule,
			label: rule.roleName ?? t('page.deletedRoleId', { id: rule.roleId }),
			first: i === 0,
			last: i === rules.length - 1,
		})),
		roles: roles.map((r) => ({ ...r, selected: r.id === values.role })),
		blocked: roles.filter((r) => r.reason),
		units: Object.keys(DELAY_UNITS),
		targets: TARGETS,
		values,
		errors: state.errors ?? {},
		full: rules.length >= MAX_RULES,
		max: MAX_RULES,
	});
}
