import { Route } from '@sapphire/plugin-api';
import { guildOf, sendError, sendPage } from 'foyer';
import { liveCodes } from '../../dashboard/_codes-section.ts';
import { wordsOf } from '../../dashboard/_format.ts';
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
		const w = wordsOf(request);
		const userId = typeof request.query.user === 'string' ? userIdOf(request.query.user) : null;
		if (!userId) return sendError(request, response, 422, w.t('inviter.whose'));
		const page = Number(request.query.page ?? 1);
		if (!Number.isInteger(page) || page < 1) return sendError(request, response, 422, w.t('inviter.pageError'));
		const base = pagePath(guild.id);
		const [counts, joins, live] = await Promise.all([
			countsOf(guild.id, userId),
			joinLog(guild.id, { inviterId: userId }, page, 25),
			liveCodes(guild, w),
		]);
		const table = renderJoinTable(
			guild,
			joins,
			(n) => `${base}/inviter?user=${userId}&page=${n}`,
			w.t('inviter.empty'),
			w,
		);
		const name = nameOf(guild, userId, w.t);
		const body = plugin.views.render('inviter', {
			locale: w.locale,
			base,
			links: subnav(guild.id, 'joins', w.t),
			userId,
			name,
			member: guild.members.cache.has(userId),
			counts: {
				effective: w.n(counts.effective),
				tracked: w.n(counts.tracked),
				left: w.n(counts.left),
				fake: w.n(counts.fake),
				added: w.n(counts.added),
			},
			codes: 'codes' in live ? live.codes.filter((c) => c.inviterId === userId) : null,
			codesProblem: 'problem' in live ? live.problem : '',
			table,
		});
		sendPage(request, response, {
			title: w.t('page.titles.inviter', { name }),
			body,
			active: `plugin:${plugin.id}:`,
		});
	}
}
