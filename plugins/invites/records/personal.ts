import plugin from '../plugin.ts';
import { type Sql, sqlOn } from './sql.ts';

export interface PersonalInvite {
	memberId: string;
	code: string;
	channelId: string;
}

const of = (r: Record<string, unknown>): PersonalInvite => ({
	memberId: String(r.member_id),
	code: String(r.code),
	channelId: String(r.channel_id),
});

/** A member's personal invite (/invite create), or null. */
export async function personalInviteOf(guildId: string, memberId: string, sql: Sql = sqlOn()) {
	const [row] = await sql(
		'select member_id, code, channel_id from invite_personal where guild_id = ? and member_id = ?',
		[guildId, memberId],
	);
	return row ? of(row) : null;
}

/** The member a personal invite code belongs to, or null when the code is no personal invite. */
export async function personalOwnerOf(guildId: string, code: string, sql: Sql = sqlOn()): Promise<string | null> {
	const [row] = await sql('select member_id from invite_personal where guild_id = ? and code = ?', [guildId, code]);
	return row ? String(row.member_id) : null;
}

/** Every personal invite of a guild, by code. */
export async function personalInvites(guildId: string, sql: Sql = sqlOn()): Promise<Map<string, string>> {
	const rows = await sql('select member_id, code from invite_personal where guild_id = ?', [guildId]);
	return new Map(rows.map((r) => [String(r.code), String(r.member_id)]));
}

/** Stores (or replaces, when the old one is gone) a member's personal invite. */
export async function savePersonalInvite(guildId: string, p: PersonalInvite, sql: Sql = sqlOn()): Promise<void> {
	await sql(
		`insert into invite_personal (guild_id, member_id, code, channel_id, at_ms) values (?, ?, ?, ?, ?)
		 on conflict (guild_id, member_id) do update set code = excluded.code, channel_id = excluded.channel_id, at_ms = excluded.at_ms`,
		[guildId, p.memberId, p.code, p.channelId, plugin.now()],
	);
}
