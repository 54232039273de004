import { Route } from '@sapphire/plugin-api';
import { field, guildOf, requestContext } from 'foyer';
import { makePastJoinsFake } from '../../_adjust.ts';
import { recordChange } from '../../dashboard/_audit.ts';
import { answerBlacklist } from '../../dashboard/_blacklist-answer.ts';
import { parseBlacklistInput } from '../../dashboard/_blacklist-input.ts';
import { wordsOf } from '../../dashboard/_format.ts';
import { nameOf } from '../../dashboard/_names.ts';
import { blacklistAdd, blacklistGet } from '../../records/index.ts';

/** POST /invites/<guild>/blacklist (user, reason): blacklists a member or inviter for future joins. */
export class InvitesBlacklistAddRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const w = wordsOf(request);
		const { body, session } = requestContext(request);
		const input = parseBlacklistInput({ user: field(body, 'user'), reason: field(body, 'reason') }, w.t);
		if (!input.ok)
			return answerBlacklist(request, response, guild, w, 422, { values: input.values, errors: input.errors });
		const before = await blacklistGet(guild.id, input.userId);
		await blacklistAdd(guild.id, input.userId, session?.userId ?? '', input.reason);
		const past = field(body, 'past') === 'on' ? await makePastJoinsFake(guild, input.userId, input.reason) : null;
		await recordChange(request, guild, 'blacklist.add', before, {
			userId: input.userId,
			reason: input.reason,
			...(past !== null ? { pastJoinsMadeFake: past } : {}),
		});
		const who = nameOf(guild, input.userId, w.t);
		const text =
			w.t(before ? 'blacklist.updated' : 'blacklist.added', { who }) +
			(past !== null ? ` ${w.t(past === 1 ? 'blacklist.pastOne' : 'blacklist.pastMany', { count: w.n(past) })}` : '');
		return answerBlacklist(request, response, guild, w, 200, { message: { kind: 'ok', text } });
	}
}
