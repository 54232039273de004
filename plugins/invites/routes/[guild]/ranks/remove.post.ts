import { Route } from '@sapphire/plugin-api';
import { field, guildOf, requestContext } from 'foyer';
import { recordChange } from '../../../dashboard/_audit.ts';
import { wordsOf } from '../../../dashboard/_format.ts';
import { answerRanks, queueRankSync } from '../../../dashboard/_ranks-answer.ts';
import plugin from '../../../plugin.ts';
import { listRanks, removeRank } from '../../../records/index.ts';

/** POST /invites/<guild>/ranks/remove (role): removes a rank. */
export class InvitesRankRemoveRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const w = wordsOf(request);
		const roleId = field(requestContext(request).body, 'role') ?? '';
		const rank = (await listRanks(guild.id)).find((r) => r.roleId === roleId);
		if (!rank)
			return answerRanks(request, response, guild, w, 422, {
				message: { kind: 'error', text: w.t('ranks.noSuchRank') },
			});
		await removeRank(guild.id, roleId);
		await recordChange(request, guild, 'rank.remove', rank, null);
		if (plugin.settings(guild.id).ranks) await queueRankSync(guild.id);
		const role = guild.roles.cache.get(roleId)?.name ?? roleId;
		return answerRanks(request, response, guild, w, 200, {
			message: { kind: 'ok', text: w.t('ranks.removed', { role }) },
		});
	}
}
