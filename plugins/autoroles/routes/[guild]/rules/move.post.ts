import { Route } from '@sapphire/plugin-api';
import { field, guildOf, requestContext } from 'foyer';
import { recordChange } from '../../../_audit.ts';
import { answerRules } from '../../../_dashboard-reply.ts';
import { listRules, reorderRules } from '../../../_rules.ts';

/** POST /autoroles/<guild>/rules/move (fields `role`, `direction` up|down): one step in the order. */
export class AutorolesMoveRuleRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const { body } = requestContext(request);
		const roleId = field(body, 'role') ?? '';
		const direction = field(body, 'direction');
		const refuse = (status: number, text: string) =>
			answerRules(request, response, guild, status, { message: { kind: 'error', text } });
		if (direction !== 'up' && direction !== 'down') return refuse(422, 'The direction must be up or down.');
		const before = (await listRules(guild.id)).map((r) => r.roleId);
		const from = before.indexOf(roleId);
		if (from < 0) return refuse(422, 'That role is not an auto role (any more); the list below is up to date.');
		const to = direction === 'up' ? from - 1 : from + 1;
		if (to < 0 || to >= before.length) return refuse(422, `That rule is already ${to < 0 ? 'first' : 'last'}.`);
		const after = [...before];
		[after[from], after[to]] = [after[to] as string, after[from] as string];
		if (!(await reorderRules(guild.id, after)))
			return refuse(409, 'The rules changed while you were moving this one; check the list below and try again.');
		await recordChange(request, guild, 'move', { order: before }, { order: after });
		const name = guild.roles.cache.get(roleId)?.name ?? 'The deleted role';
		const text = `${name} moved ${direction}: it is now number ${to + 1}.`;
		return answerRules(request, response, guild, 200, { message: { kind: 'ok', text } });
	}
}
