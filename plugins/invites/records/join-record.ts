import type { StoredCandidate, StoredFlag } from '../entities/invite-join.ts';
import { bool, json, num, numOrNull } from './sql.ts';

export type StoredSource = 'pending' | 'invite' | 'vanity' | 'unknown' | 'ambiguous' | 'offline';
export type Credit = 'counted' | 'fake' | 'none' | 'removed';

/** One row of invite_joins, as the commands and the dashboard read it (times in ms since the epoch). */
export interface JoinRecord {
	id: number;
	guildId: string;
	memberId: string;
	joinKey: string;
	joinedAt: number;
	leftAt: number | null;
	inviterId: string | null;
	code: string | null;
	source: StoredSource;
	unknownReason: string | null;
	candidates: StoredCandidate[];
	flags: StoredFlag[];
	flag: string | null;
	credit: Credit;
	creditNote: string | null;
	accountCreatedAt: number;
	/** Days between the account's creation and this join (one decimal). */
	accountAgeDays: number;
	bot: boolean;
	inviterWasMember: boolean | null;
	offline: boolean;
	decidedAt: number | null;
}

export const JOIN_COLUMNS =
	'id, guild_id, member_id, join_key, joined_at_ms, left_at_ms, inviter_id, code, source, unknown_reason, candidates, flags, flag, credit, credit_note, account_created_at_ms, bot, inviter_was_member, offline, decided_at_ms';

export function joinRecordOf(r: Record<string, unknown>): JoinRecord {
	const joinedAt = num(r.joined_at_ms);
	const accountCreatedAt = num(r.account_created_at_ms);
	return {
		id: num(r.id),
		guildId: String(r.guild_id),
		memberId: String(r.member_id),
		joinKey: String(r.join_key),
		joinedAt,
		leftAt: numOrNull(r.left_at_ms),
		inviterId: r.inviter_id === null || r.inviter_id === undefined ? null : String(r.inviter_id),
		code: (r.code as string | null) ?? null,
		source: r.source as StoredSource,
		unknownReason: (r.unknown_reason as string | null) ?? null,
		candidates: json<StoredCandidate[]>(r.candidates, []),
		flags: json<StoredFlag[]>(r.flags, []),
		flag: (r.flag as string | null) ?? null,
		credit: r.credit as Credit,
		creditNote: (r.credit_note as string | null) ?? null,
		accountCreatedAt,
		accountAgeDays: Math.floor(((joinedAt - accountCreatedAt) / 86_400_000) * 10) / 10,
		bot: bool(r.bot),
		inviterWasMember:
			r.inviter_was_member === null || r.inviter_was_member === undefined ? null : bool(r.inviter_was_member),
		offline: bool(r.offline),
		decidedAt: numOrNull(r.decided_at_ms),
	};
}
