import { Route } from '@sapphire/plugin-api';
import { field, guildOf, pageLocale, requestContext } from 'foyer';
import { recordChange } from '../../../_audit.ts';
import { answerRules } from '../../../_dashboard-reply.ts';
import { listRules, reorderRules } from '../../../_rules.ts';
import plugin from '../../../plugin.ts';

/** POST /autoroles/<guild>/rules/move (fields `role`, `direction` up|down): one step in the order. */
export class AutorolesMoveRuleRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const { body } = requestContext(request);
		const roleId = field(body, 'role') ?? '';
		const direction = field(body, 'direction');
		const t = plugin.translator({ locale: pageLocale(request) });
		const refuse = (status: number, text: string) =>
			answerRules(request, response, guild, status, { message: { kind: 'error', text } });
		if (direction !== 'up' && direction !== 'down') return refuse(422, t('errors.direction'));
		const before = (await listRules(guild.id)).map((r) => r.roleId);
		const from = before.indexOf(roleId);
		if (from < 0) return refuse(422, t('errors.notAutoRoleAnyMore'));
		const to = direction === 'up' ? from - 1 : from + 1;
		if (to < 0 || to >= before.length) return refuse(422, t(to < 0 ? 'errors.alreadyFirst' : 'errors.alreadyLast'));
		const after = [...before];
		[after[from], after[to]] = [after[to] as string, after[from] as string];
		if (!(await reorderRules(guild.id, after))) return refuse(409, t('errors.changedMeanwhile'));
		await recordChange(request, guild, 'move', { order: before }, { order: after });
		const role = guild.roles.cache.get(roleId)?.name ?? t('page.deletedRole');
		const text = t(direction === 'up' ? 'page.movedUp' : 'page.movedDown', { role, n: to + 1 });
		return answerRules(request, response, guild, 200, { message: { kind: 'ok', text } });
	}
}
