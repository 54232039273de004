import { Route } from '@sapphire/plugin-api';
import { field, guildOf, requestContext } from 'foyer';
import { recordChange } from '../../../dashboard/_audit.ts';
import { answerRanks, queueRankSync } from '../../../dashboard/_ranks-answer.ts';
import plugin from '../../../plugin.ts';
import { listRanks, removeRank } from '../../../records/index.ts';

/** POST /invites/<guild>/ranks/remove (role): removes a rank. */
export class InvitesRankRemoveRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const roleId = field(requestContext(request).body, 'role') ?? '';
		const rank = (await listRanks(guild.id)).find((r) => r.roleId === roleId);
		if (!rank)
			return answerRanks(request, response, guild, 422, {
				message: { kind: 'error', text: 'There is no such rank (anymore); nothing changed.' },
			});
		await removeRank(guild.id, roleId);
		await recordChange(request, guild, 'rank.remove', rank, null);
		if (plugin.settings(guild.id).ranks) await queueRankSync(guild.id);
		const role = guild.roles.cache.get(roleId)?.name ?? roleId;
		return answerRanks(request, response, guild, 200, { message: { kind: 'ok', text: `Removed the rank ${role}.` } });
	}
}
