import { Route } from '@sapphire/plugin-api';
import { guildOf, pageLocale } from 'foyer';
import { ledgerLines } from '../../_balances.ts';
import { csvRow } from '../../_csv.ts';
import { actorName, nameOf } from '../../_names.ts';
import plugin from '../../plugin.ts';

/**
 * GET /loyalty/<guild>/export[?user=<id>]: the ledger as CSV, streamed, oldest line first. Column
 * names and reason codes stay as they are in every language (spreadsheets and scripts key on them);
 * the names of members and sources are in the page's language.
 */
export class LoyaltyExportRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
		const t = plugin.translator({ locale: pageLocale(request) });
		const user =
			typeof request.query.user === 'string' && /^\d{17,20}$/.test(request.query.user) ? request.query.user : null;
		const day = new Date().toISOString().slice(0, 10);
		response.writeHead(200, {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="loyalty-${guild.id}${user ? `-${user}` : ''}-${day}.csv"`,
			'X-Content-Type-Options': 'nosniff',
		});
		response.write(
			csvRow(['time_utc', 'user_id', 'member', 'points', 'reason', 'by', 'reference', 'note', 'balance_after']),
		);
		for await (const l of ledgerLines(guild.id, user))
			response.write(
				csvRow([
					new Date(l.at).toISOString(),
					l.userId,
					nameOf(guild, l.userId, t),
					l.amount,
					l.reason,
					actorName(guild, l.actor, t),
					l.reference,
					l.note,
					l.balanceAfter,
				]),
			);
		response.end();
	}
}
