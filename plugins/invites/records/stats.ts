import { num, type Sql, sqlOn } from './sql.ts';

const DAY = 86_400_000;

/** One UTC day of the series. */
export interface DayPoint {
	/** The day's start (ms, UTC midnight) and its date (YYYY-MM-DD). */
	day: number;
	date: string;
	joins: number;
	leaves: number;
	net: number;
}

export interface TopInviter {
	inviterId: string;
	/** Joins credited to them in the range that count (not fake), their fakes, and those who left since. */
	counted: number;
	fake: number;
	left: number;
	/** counted - left: what the range added to their effective invites. */
	net: number;
}

/** Seed 004's InviteStatsResponse for a date range (`from` inclusive, `to` exclusive, ms). */
export interface InviteStats {
	from: number;
	to: number;
	/** Joins in the range (bots excluded), and those credited to an inviter as valid. */
	totalJoins: number;
	totalInvites: number;
	/** Leaves in the range (of joins Foyer recorded). */
	totalLeaves: number;
	netGrowth: number;
	bySource: Record<string, number>;
	flagged: number;
	topInviters: TopInviter[];
	series: DayPoint[];
}

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Statistics of a guild between `from` and `to` (ms); the series has one point per UTC day, zeros included. */
export async function inviteStats(
	guildId: string,
	range: { from: number; to: number },
	options: { top?: number } = {},
	sql: Sql = sqlOn(),
): Promise<InviteStats> {
	const { from, to } = range;
	const params = [guildId, from, to];
	const [totals] = await sql(
		`select count(*) as joins,
		 sum(case when credit = 'counted' then 1 else 0 end) as invites,
		 sum(case when flag is not null then 1 else 0 end) as flagged
		 from invite_joins where guild_id = ? and not bot and joined_at_ms >= ? and joined_at_ms < ?`,
		params,
	);
	const [leaves] = await sql(
		'select count(*) as n from invite_joins where guild_id = ? and not bot and left_at_ms >= ? and left_at_ms < ?',
		params,
	);
	const sources = await sql(
		`select source, count(*) as n from invite_joins where guild_id = ? and not bot and joined_at_ms >= ? and joined_at_ms < ? group by source`,
		params,
	);
	const top = await sql(
		`select inviter_id, sum(case when credit = 'counted' then 1 else 0 end) as counted,
		 sum(case when credit = 'fake' then 1 else 0 end) as fake,
		 sum(case when credit = 'counted' and left_at_ms is not null then 1 else 0 end) as left_n
		 from invite_joins where guild_id = ? and joined_at_ms >= ? and joined_at_ms < ? and inviter_id is not null
		 and credit in ('counted', 'fake') group by inviter_id
		 order by sum(case when credit = 'counted' then 1 else 0 end) - sum(case when credit = 'counted' and left_at_ms is not null then 1 else 0 end) desc,
		 inviter_id limit ?`,
		[...params, options.top ?? 10],
	);
	const joinDays = await sql(
		`select (joined_at_ms / ${DAY}) as d, count(*) as n from invite_joins where guild_id = ? and not bot and joined_at_ms >= ? and joined_at_ms < ? group by (joined_at_ms / ${DAY})`,
		params,
	);
	const leaveDays = await sql(
		`select (left_at_ms / ${DAY}) as d, count(*) as n from invite_joins where guild_id = ? and not bot and left_at_ms >= ? and left_at_ms < ? group by (left_at_ms / ${DAY})`,
		params,
	);
	const joinsBy = new Map(joinDays.map((r) => [num(r.d), num(r.n)]));
	const leavesBy = new Map(leaveDays.map((r) => [num(r.d), num(r.n)]));
	const series: DayPoint[] = [];
	for (let d = Math.floor(from / DAY); d * DAY < to && series.length < 3660; d++) {
		const joins = joinsBy.get(d) ?? 0;
		const leaves = leavesBy.get(d) ?? 0;
		series.push({ day: d * DAY, date: dateOf(d * DAY), joins, leaves, net: joins - leaves });
	}
	const totalJoins = num(totals?.joins);
	const totalLeaves = num(leaves?.n);
	return {
		from,
		to,
		totalJoins,
		totalInvites: num(totals?.invites),
		totalLeaves,
		netGrowth: totalJoins - totalLeaves,
		bySource: Object.fromEntries(sources.map((r) => [String(r.source), num(r.n)])),
		flagged: num(totals?.flagged),
		topInviters: top.map((r) => {
			const counted = num(r.counted);
			const left = num(r.left_n);
			return { inviterId: String(r.inviter_id), counted, fake: num(r.fake), left, net: counted - left };
		}),
		series,
	};
}
