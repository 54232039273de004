import { Route } from '@sapphire/plugin-api';
import { csvRow, guildOf, pageLocale, sendError } from 'foyer';
import { parseJoinFilters } from '../../../dashboard/_join-filters.ts';
import { recordFilter } from '../../../dashboard/_join-log-page.ts';
import { nameOf } from '../../../dashboard/_names.ts';
import plugin from '../../../plugin.ts';
import { joinLogAll } from '../../../records/index.ts';

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

/**
 * GET /invites/<guild>/joins/export?<the join log's filters>: the matching joins as CSV, oldest
 * first, streamed. Member names are member-controlled: every cell goes through csvRow, which
 * defuses spreadsheet formulas. The file is for programs and stays English; a refused filter is
 * a page, in the server's language.
 */
export class InvitesJoinExportRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const parsed = parseJoinFilters(request.query, plugin.translator({ locale: pageLocale(request) }));
		if (!parsed.ok) return sendError(request, response, 422, Object.values(parsed.errors).join(' '));
		const day = new Date().toISOString().slice(0, 10);
		response.writeHead(200, {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="invites-${guild.id}-${day}.csv"`,
			'X-Content-Type-Options': 'nosniff',
		});
		response.write(
			csvRow([
				'joined_utc',
				'member_id',
				'member',
				'source',
				'inviter_id',
				'inviter',
				'code',
				'counts',
				'credit_note',
				'flags',
				'evidence',
				'account_age_days',
				'left_utc',
				'offline',
			]),
		);
		for await (const j of joinLogAll(guild.id, recordFilter(parsed.filters)))
			response.write(
				csvRow([
					iso(j.joinedAt),
					j.memberId,
					nameOf(guild, j.memberId),
					j.source,
					j.inviterId,
					j.inviterId ? nameOf(guild, j.inviterId) : null,
					j.code,
					j.credit,
					j.creditNote,
					j.flags.map((f) => f.rule).join(' '),
					j.flags.map((f) => f.evidence).join('; '),
					j.accountAgeDays,
					iso(j.leftAt),
					j.offline ? 'yes' : 'no',
				]),
			);
		response.end();
	}
}
