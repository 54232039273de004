import { Route } from '@sapphire/plugin-api';
import { field, guildOf, requestContext } from 'foyer';
import { auditedRule, recordChange } from '../../../_audit.ts';
import { answerRules } from '../../../_dashboard-reply.ts';
import { listRules, removeRule } from '../../../_rules.ts';

/** POST /autoroles/<guild>/rules/remove (field `role`): stops giving that role to new members. */
export class AutorolesRemoveRuleRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const roleId = field(requestContext(request).body, 'role') ?? '';
		const rule = (await listRules(guild.id)).find((r) => r.roleId === roleId);
		const refuse = (text: string) => answerRules(request, response, guild, 422, { message: { kind: 'error', text } });
		if (!rule) return refuse('That role is not an auto role (any more); the list below is up to date.');
		const before = auditedRule(guild, rule);
		if (!(await removeRule(guild.id, roleId))) return refuse('That rule was just removed by someone else.');
		await recordChange(request, guild, 'remove', before, null);
		const text = `Removed ${before.roleName ?? 'the deleted role'}: new members no longer get it.`;
		return answerRules(request, response, guild, 200, { message: { kind: 'ok', text } });
	}
}
