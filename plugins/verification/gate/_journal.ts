import type { Guild } from 'discord.js';
import { memberText } from 'foyer';
import { VerificationLogEntry } from '../entities/log-entry.ts';
import plugin from '../plugin.ts';
import { postLogLine } from './_log-channel.ts';

export type JournalAction = 'verified' | 'kicked' | 'left' | 'not-kicked' | 'lockdown-on' | 'lockdown-off';

export interface JournalEntry {
	action: JournalAction;
	userId?: string | null;
	username?: string | null;
	by?: string | null;
	reason: string;
	/** Also post it in the log channel (removals, moderators' actions, lockdowns). */
	toChannel?: string | null;
}

const KEEP = 500;
let writes = 0;

/** Keeps what happened for the dashboard's log and, when asked, says it in the log channel. */
export async function journal(guild: Guild, entry: JournalEntry): Promise<void> {
	const at = plugin.now();
	const em = plugin.em();
	await em.insert(VerificationLogEntry, {
		guildId: guild.id,
		userId: entry.userId ?? null,
		username: entry.username ?? null,
		action: entry.action,
		by: entry.by ?? null,
		reason: entry.reason,
		at,
	});
	// Now and then, drop what is beyond the newest KEEP entries of the guild.
	if (++writes % 100 === 0) {
		const [oldest] = await em.find(
			VerificationLogEntry,
			{ guildId: guild.id },
			{ orderBy: { at: 'desc', id: 'desc' }, offset: KEEP, limit: 1 },
		);
		if (oldest) await em.nativeDelete(VerificationLogEntry, { guildId: guild.id, id: { $lte: oldest.id } });
	}
	if (entry.toChannel) {
		const who = entry.userId
			? `${memberText(entry.username ?? plugin.t('journal.someone', { guild: guild.id }))} (<@${entry.userId}>)`
			: '';
		postLogLine(guild, entry.toChannel, `${icon(entry.action)} ${who ? `${who}: ` : ''}${entry.reason}`);
	}
}

function icon(action: JournalAction): string {
	if (action === 'kicked') return '👢';
	if (action === 'verified') return '✅';
	if (action === 'lockdown-on') return '🔒';
	if (action === 'lockdown-off') return '🔓';
	return 'ℹ️';
}

export interface JournalView {
	at: number;
	action: string;
	userId: string | null;
	username: string | null;
	by: string | null;
	reason: string;
}

export async function recentJournal(guildId: string, limit = 50): Promise<JournalView[]> {
	const rows = await plugin
		.em()
		.find(VerificationLogEntry, { guildId }, { orderBy: { at: 'desc', id: 'desc' }, limit });
	return rows.map((r) => ({
		at: Number(r.at),
		action: r.action,
		userId: r.userId ?? null,
		username: r.username ?? null,
		by: r.by ?? null,
		reason: r.reason,
	}));
}

/** Whether the member was verified since `since` (ms): a repeated join announcement must not gate them again. */
export async function verifiedSince(guildId: string, userId: string, since: number): Promise<boolean> {
	const found = await plugin
		.em()
		.count(VerificationLogEntry, { guildId, userId, action: 'verified', at: { $gte: since } });
	return found > 0;
}
