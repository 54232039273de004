import { Route } from '@sapphire/plugin-api';
import { guildOf } from 'foyer';
import { recordChange } from '../../../dashboard/_audit.ts';
import { wordsOf } from '../../../dashboard/_format.ts';
import { answerRanks, queueRankSync } from '../../../dashboard/_ranks-answer.ts';
import plugin from '../../../plugin.ts';

/** POST /invites/<guild>/ranks/repair: re-syncs every member's rank roles (the repair action). */
export class InvitesRankRepairRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const w = wordsOf(request);
		if (!plugin.settings(guild.id).ranks)
			return answerRanks(request, response, guild, w, 409, {
				message: { kind: 'error', text: w.t('ranks.repairOff') },
			});
		await queueRankSync(guild.id);
		await recordChange(request, guild, 'rank.repair', null, null);
		return answerRanks(request, response, guild, w, 200, { message: { kind: 'ok', text: w.t('ranks.repairing') } });
	}
}
