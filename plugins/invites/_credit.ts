import { DiscordAPIError, type Guild, RESTJSONErrorCodes } from 'discord.js';
import { announceCounted, announceUncounted } from './_announce.ts';
import { snowflakeTime } from './_discord.ts';
import { fraudSettingsOf } from './_fraud-settings.ts';
import { syncRanksOf } from './_ranks.ts';
import { decided } from './_waiters.ts';
import { fraudFlags, type JoinDecision, joinSourceOf } from './attribution/index.ts';
import type { StoredCandidate } from './entities/invite-join.ts';
import plugin from './plugin.ts';
import { blacklistGet } from './records/blacklist.ts';
import { bumpCounts } from './records/counts.ts';
import type { Credit } from './records/join-record.ts';
import { earlierJoinsOf, inviterJoinTimes, joinByKey, storeDecision } from './records/joins.ts';
import { personalInvites, personalOwnerOf } from './records/personal.ts';
import { transaction } from './records/sql.ts';

const MINUTE = 60_000;

/**
 * Inviters Discord answered "Unknown Member" for, and when: a raid through a departed member's
 * code asks Discord once, not once per join (each ask takes a request from the members bucket).
 * A rejoin is seen in the member cache first, so it never waits for the entry to expire.
 */
const absent = new Map<string, number>();
const ABSENT_FOR_MS = 10 * MINUTE;
const ABSENT_MAX = 10_000;

/** Whether the inviter is a member of the guild now (the cache first: Foyer has the member list). */
async function isMember(guild: Guild, userId: string): Promise<boolean> {
	if (guild.members.cache.has(userId)) return true;
	const key = `${guild.id}:${userId}`;
	const since = absent.get(key);
	if (since !== undefined && Date.now() - since < ABSENT_FOR_MS) return false;
	const member = await guild.members.fetch(userId).catch((error: unknown) => {
		if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMember) {
			absent.delete(key);
			absent.set(key, Date.now());
			if (absent.size > ABSENT_MAX) absent.delete(absent.keys().next().value as string);
		}
		return null;
	});
	if (member) absent.delete(key);
	return member !== null;
}

/**
 * Stores one of the engine's decisions with the fraud rules' verdict and moves the inviter's
 * counters, once per join: a join already decided is left alone (the engine emits a join again
 * only when it became more exact, and nothing after `attributed` or a final decision is acted on).
 * Then announces it and re-syncs the inviter's rank roles. Runs one at a time per guild (the caller
 * chains them), so the inviter-burst rule sees every earlier join.
 */
export async function creditDecision(guild: Guild, d: JoinDecision): Promise<void> {
	const a = d.attribution;
	if (a.status === 'pending' || (!d.final && a.status !== 'attributed')) return;
	const guildId = guild.id;
	const existing = await joinByKey(guildId, d.key);
	if (existing && existing.source !== 'pending') return;
	const source = joinSourceOf(a);
	const code = a.status === 'attributed' && a.source === 'invite' ? a.code : null;
	// A personal invite (/invite create) has Foyer as its Discord inviter: its member is the inviter.
	const personal = code ? await personalOwnerOf(guildId, code) : null;
	const inviterId = a.status === 'attributed' && a.source === 'invite' ? (personal ?? a.inviterId) : null;
	const owners =
		(a.status === 'ambiguous' || a.status === 'unknown') && a.candidates.length ? await personalInvites(guildId) : null;
	const candidates: StoredCandidate[] =
		a.status === 'ambiguous' || a.status === 'unknown'
			? a.candidates.map((c) => ({
					code: c.code,
					inviterId: (c.code && owners?.get(c.code)) || c.inviterId,
					...(c.unseen ? { unseen: true } : {}),
				}))
			: [];
	const offline = a.status === 'attributed' || a.status === 'ambiguous' ? a.offline : false;
	const user = guild.client.users.cache.get(d.userId);
	const bot = existing?.bot ?? user?.bot ?? false;
	const settings = fraudSettingsOf(guildId);
	const earlier = await earlierJoinsOf(guildId, d.userId, d.joinedAt);
	const previous = earlier[0] ?? null;
	const burst = settings.inviterBurst;
	const flags =
		bot || source === 'unknown'
			? []
			: fraudFlags(
					{
						memberId: d.userId,
						inviterId,
						accountCreatedAt: snowflakeTime(d.userId),
						hasAvatar: user ? user.avatar !== null : true,
						joinedAt: d.joinedAt,
						previousJoinAt: previous?.joinedAt ?? null,
						previousLeftAt: previous?.leftAt ?? null,
						inviterJoinTimes:
							inviterId && burst ? await inviterJoinTimes(guildId, inviterId, d.joinedAt - burst.minutes * MINUTE) : [],
						blacklistedMember: settings.blacklist ? await blacklistGet(guildId, d.userId) : null,
						blacklistedInviter: settings.blacklist && inviterId ? await blacklistGet(guildId, inviterId) : null,
					},
					settings,
				);
	const inviterWasMember = inviterId ? await isMember(guild, inviterId) : null;
	let credit: Credit = 'none';
	let creditNote: string | null = null;
	if (inviterId && !bot) {
		if (!inviterWasMember) creditNote = 'inviter-absent';
		else if (flags.length) credit = 'fake';
		else if (!plugin.settings(guildId).countRejoins && earlier.some((j) => j.credit === 'counted'))
			creditNote = 'rejoin';
		else credit = 'counted';
	}
	const before = await transaction(async (sql) => {
		const row = await storeDecision(sql, guildId, d.key, {
			source,
			inviterId,
			code,
			unknownReason: a.status === 'unknown' ? a.reason : null,
			candidates,
			flags,
			credit,
			creditNote,
			inviterWasMember,
			offline,
			decidedAt: plugin.now(),
		});
		if (row?.source !== 'pending') return null;
		if (inviterId && (credit === 'counted' || credit === 'fake'))
			await bumpCounts(sql, guildId, inviterId, {
				tracked: 1,
				fake: credit === 'fake' ? 1 : 0,
				// Gone before it was decided: it counts, and its leave with it.
				left: credit === 'counted' && row.leftAt !== null ? 1 : 0,
			});
		return row;
	});
	decided(guildId, d.userId);
	if (!before) return;
	const stored = await joinByKey(guildId, d.key);
	if (stored && credit === 'counted') {
		await announceCounted(stored);
		if (stored.leftAt !== null) await announceUncounted(stored, 'left', stored.leftAt);
	}
	if (inviterId && credit !== 'none') await syncRanksOf(guild, inviterId);
}
