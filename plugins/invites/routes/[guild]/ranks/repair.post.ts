import { Route } from '@sapphire/plugin-api';
import { guildOf } from 'foyer';
import { recordChange } from '../../../dashboard/_audit.ts';
import { answerRanks, queueRankSync } from '../../../dashboard/_ranks-answer.ts';
import plugin from '../../../plugin.ts';

/** POST /invites/<guild>/ranks/repair: re-syncs every member's rank roles (the repair action). */
export class InvitesRankRepairRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		if (!plugin.settings(guild.id).ranks)
			return answerRanks(request, response, guild, 409, {
				message: { kind: 'error', text: 'Ranks are off: turn them on in the settings first; nothing was synced.' },
			});
		await queueRankSync(guild.id);
		await recordChange(request, guild, 'rank.repair', null, null);
		return answerRanks(request, response, guild, 200, {
			message: {
				kind: 'ok',
				text: 'Re-syncing every member’s rank roles: roles are given and taken back in the background.',
			},
		});
	}
}
