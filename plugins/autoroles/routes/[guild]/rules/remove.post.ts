import { Route } from '@sapphire/plugin-api';
import { field, guildOf, pageLocale, requestContext } from 'foyer';
import { auditedRule, recordChange } from '../../../_audit.ts';
import { answerRules } from '../../../_dashboard-reply.ts';
import { listRules, removeRule } from '../../../_rules.ts';
import plugin from '../../../plugin.ts';

/** POST /autoroles/<guild>/rules/remove (field `role`): stops giving that role to new members. */
export class AutorolesRemoveRuleRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const roleId = field(requestContext(request).body, 'role') ?? '';
		const rule = (await listRules(guild.id)).find((r) => r.roleId === roleId);
		const t = plugin.translator({ locale: pageLocale(request) });
		const refuse = (text: string) => answerRules(request, response, guild, 422, { message: { kind: 'error', text } });
		if (!rule) return refuse(t('errors.notAutoRoleAnyMore'));
		const before = auditedRule(guild, rule);
		if (!(await removeRule(guild.id, roleId))) return refuse(t('errors.removedMeanwhile'));
		await recordChange(request, guild, 'remove', before, null);
		const text = t('page.removed', { role: before.roleName ?? t('page.deletedRoleLower') });
		return answerRules(request, response, guild, 200, { message: { kind: 'ok', text } });
	}
}
