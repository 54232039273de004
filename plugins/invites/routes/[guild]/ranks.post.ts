import { Route } from '@sapphire/plugin-api';
import { field, guildOf, requestContext } from 'foyer';
import { recordChange } from '../../dashboard/_audit.ts';
import { wordsOf } from '../../dashboard/_format.ts';
import { parseRankInput } from '../../dashboard/_rank-input.ts';
import { answerRanks, queueRankSync } from '../../dashboard/_ranks-answer.ts';
import plugin from '../../plugin.ts';
import { listRanks, saveRank } from '../../records/index.ts';

/** POST /invites/<guild>/ranks (role, invites): adds a rank, after the hierarchy check. */
export class InvitesRankAddRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const w = wordsOf(request);
		const { body } = requestContext(request);
		const input = parseRankInput(
			guild,
			{ role: field(body, 'role'), invites: field(body, 'invites') },
			await listRanks(guild.id),
			w.t,
		);
		if (!input.ok) return answerRanks(request, response, guild, w, 422, { values: input.values, errors: input.errors });
		await saveRank(guild.id, input.roleId, input.invites);
		await recordChange(request, guild, 'rank.add', null, { roleId: input.roleId, invites: input.invites });
		const on = plugin.settings(guild.id).ranks;
		if (on) await queueRankSync(guild.id);
		const role = guild.roles.cache.get(input.roleId)?.name ?? input.roleId;
		const text = `${w.t('ranks.added', { role, invites: w.n(input.invites) })} ${w.t(on ? 'ranks.addedOn' : 'ranks.addedOff')}`;
		return answerRanks(request, response, guild, w, 200, { message: { kind: 'ok', text } });
	}
}
