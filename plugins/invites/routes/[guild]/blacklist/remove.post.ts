import { Route } from '@sapphire/plugin-api';
import { field, guildOf, requestContext } from 'foyer';
import { recordChange } from '../../../dashboard/_audit.ts';
import { answerBlacklist } from '../../../dashboard/_blacklist-answer.ts';
import { wordsOf } from '../../../dashboard/_format.ts';
import { userIdOf } from '../../../dashboard/_join-filters.ts';
import { nameOf } from '../../../dashboard/_names.ts';
import { blacklistGet, blacklistRemove } from '../../../records/index.ts';

/** POST /invites/<guild>/blacklist/remove (user): takes a user off the blacklist. */
export class InvitesBlacklistRemoveRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const w = wordsOf(request);
		const userId = userIdOf(field(requestContext(request).body, 'user') ?? '');
		const before = userId ? await blacklistGet(guild.id, userId) : null;
		if (!userId || !before)
			return answerBlacklist(request, response, guild, w, 422, {
				message: { kind: 'error', text: w.t('blacklist.notListed') },
			});
		await blacklistRemove(guild.id, userId);
		await recordChange(request, guild, 'blacklist.remove', before, null);
		const text = w.t('blacklist.removed', { who: nameOf(guild, userId, w.t) });
		return answerBlacklist(request, response, guild, w, 200, { message: { kind: 'ok', text } });
	}
}
