import { Route } from '@sapphire/plugin-api';
import { guildOf } from 'foyer';
import { ledgerLines } from '../../_balances.ts';
import { csvRow } from '../../_csv.ts';
import { actorName, nameOf } from '../../_names.ts';

/** GET /loyalty/<guild>/export[?user=<id>]: the ledger as CSV, streamed, oldest line first. */
export class LoyaltyExportRoute extends Route {
	override async run(request: Route.Request, response: Route.Response) {
		const guild = guildOf(request);
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
					nameOf(guild, l.userId),
					l.amount,
					l.reason,
					actorName(guild, l.actor),
					l.reference,
					l.note,
					l.balanceAfter,
				]),
			);
		response.end();
	}
}
