import { Route } from '@sapphire/plugin-api';
import { guildOf, sendError, sendPage } from 'foyer';
import { liveCodes } from '../../dashboard/_codes-section.ts';
import { userIdOf } from '../../dashboard/_join-filters.ts';
import { renderJoinTable } from '../../dashboard/_join-table.ts';
import { nameOf } from '../../dashboard/_names.ts';
import { pagePath, subnav } from '../../dashboard/_paths.ts';
import plugin from '../../plugin.ts';
import { countsOf, joinLog } from '../../records/index.ts';

/** GET /invites/<guild>/inviter?user=<id>&page=N: an inviter's counters, live invites and the joins credited to them. */
export class InvitesInviterRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const userId = typeof request.query.user === 'string' ? userIdOf(request.query.user) : null;
		if (!userId)
			return sendError(request, response, 422, 'Say whose page: ?user= followed by a user id (17 to 20 digits).');
		const page = Number(request.query.page ?? 1);
		if (!Number.isInteger(page) || page < 1)
			return sendError(request, response, 422, 'The page must be a whole number from 1.');
		const base = pagePath(guild.id);
		const [counts, joins, live] = await Promise.all([
			countsOf(guild.id, userId),
			joinLog(guild.id, { inviterId: userId }, page, 25),
			liveCodes(guild),
		]);
		const table = renderJoinTable(
			guild,
			joins,
			(n) => `${base}/inviter?user=${userId}&page=${n}`,
			'No join was ever credited to them.',
		);
		const body = plugin.views.render('inviter', {
			base,
			links: subnav(guild.id, 'joins'),
			userId,
			name: nameOf(guild, userId),
			member: guild.members.cache.has(userId),
			counts,
			codes: 'codes' in live ? live.codes.filter((c) => c.inviterId === userId) : null,
			codesProblem: 'problem' in live ? live.problem : '',
			table,
		});
		sendPage(request, response, { title: `Inviter ${nameOf(guild, userId)}`, body, active: `plugin:${plugin.id}:` });
	}
}
