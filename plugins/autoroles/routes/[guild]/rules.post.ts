import { Route } from '@sapphire/plugin-api';
import type { Guild } from 'discord.js';
import { assignProblem, field, guildOf, pageLocale, requestContext, type Translate } from 'foyer';
import { auditedRule, recordChange } from '../../_audit.ts';
import { answerRules } from '../../_dashboard-reply.ts';
import { parseDelayField } from '../../_delay-form.ts';
import { describeDelay, type FieldErrors, parseRuleInput } from '../../_rule-input.ts';
import { addRule } from '../../_rules.ts';
import plugin from '../../plugin.ts';

/** POST /autoroles/<guild>/rules: adds a rule from the form (role, delay + unit, target). */
export class AutorolesAddRuleRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const { body } = requestContext(request);
		const values = {
			role: field(body, 'role') ?? '',
			delay: field(body, 'delay') ?? '',
			unit: field(body, 'unit') ?? '',
			target: field(body, 'target') ?? '',
		};
		const t = plugin.translator({ locale: pageLocale(request) });
		const delay = parseDelayField(values.delay, values.unit, t);
		const raw = { roleId: values.role, target: values.target, delaySeconds: delay.ok ? delay.seconds : 0 };
		if (!delay.ok) {
			const errors = { ...otherErrors(guild, raw, t), delay: delay.error };
			return answerRules(request, response, guild, 422, { values, errors });
		}
		const result = await addRule(guild, raw, t);
		if (!result.ok) return answerRules(request, response, guild, 422, { values, errors: result.errors });
		const rule = auditedRule(guild, result.rule);
		await recordChange(request, guild, 'add', null, rule);
		const key = rule.target === 'bots' ? 'page.addedBot' : 'page.addedMember';
		const text = t(key, { role: rule.roleName ?? '', delay: describeDelay(rule.delaySeconds, t) });
		return answerRules(request, response, guild, 200, { message: { kind: 'ok', text } });
	}
}

/** With a bad delay nothing is stored, but the role and target are still checked, to report all at once. */
function otherErrors(guild: Guild, raw: { roleId: string; target: string }, t: Translate): FieldErrors {
	const parsed = parseRuleInput(raw, t);
	const errors: FieldErrors = parsed.ok ? {} : parsed.errors;
	const role = guild.roles.cache.get(raw.roleId);
	const problem = role ? assignProblem(role, t.locale) : null;
	if (!errors.role && problem) errors.role = problem;
	return errors;
}
