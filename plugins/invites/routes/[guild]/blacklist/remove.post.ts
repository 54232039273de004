import { Route } from '@sapphire/plugin-api';
import { field, guildOf, requestContext } from 'foyer';
import { recordChange } from '../../../dashboard/_audit.ts';
import { answerBlacklist } from '../../../dashboard/_blacklist-answer.ts';
import { userIdOf } from '../../../dashboard/_join-filters.ts';
import { nameOf } from '../../../dashboard/_names.ts';
import { blacklistGet, blacklistRemove } from '../../../records/index.ts';

/** POST /invites/<guild>/blacklist/remove (user): takes a user off the blacklist. */
export class InvitesBlacklistRemoveRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const userId = userIdOf(field(requestContext(request).body, 'user') ?? '');
		const before = userId ? await blacklistGet(guild.id, userId) : null;
		if (!userId || !before)
			return answerBlacklist(request, response, guild, 422, {
				message: { kind: 'error', text: 'That user is not on the blacklist (anymore); nothing changed.' },
			});
		await blacklistRemove(guild.id, userId);
		await recordChange(request, guild, 'blacklist.remove', before, null);
		const text = `${nameOf(guild, userId)} is off the blacklist; their next joins count again.`;
		return answerBlacklist(request, response, guild, 200, { message: { kind: 'ok', text } });
	}
}
