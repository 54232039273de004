import type { Guild } from 'discord.js';
import type { Logger } from 'pino';
import { CoreEvents } from '../events/core-events.ts';
import type { EventLedger } from '../events/event-ledger.ts';
import type { MembershipStore } from './membership-store.ts';
import { isoOrNull, uncachedMember } from './uncached-member.ts';

export interface CatchUpResult {
	joined: number;
	left: number;
	/** Guilds followed for the first time (their members taken as they are, without events). */
	tracked: number;
}

/**
 * What the gateway could not replay, from the member list: for each followed guild, a member Foyer
 * never saw join (no delivered join with that `joined_at`) is handed to the plugins as
 * `foyerMemberJoinedOffline`, and a known member no longer there as `foyerMemberLeftOffline`.
 * A guild not followed yet is only recorded. With `compare` false (the session resumed and its
 * replay was complete) known guilds are left alone.
 */
export async function catchUp(options: {
	guilds: Iterable<Guild>;
	ledger: EventLedger;
	membership: MembershipStore;
	logger: Logger;
	compare: boolean;
}): Promise<CatchUpResult> {
	const { ledger, membership, logger } = options;
	const result: CatchUpResult = { joined: 0, left: 0, tracked: 0 };
	for (const guild of options.guilds) {
		if (membership.isTracked(guild.id) && !options.compare) continue;
		let members: Map<string, import('discord.js').GuildMember>;
		try {
			members = new Map(await guild.members.fetch());
		} catch (error) {
			logger.warn({ guild: guild.id, err: error }, 'Could not fetch the member list to catch up');
			continue;
		}
		if (!membership.isTracked(guild.id)) {
			await membership.track(guild.id, new Map([...members].map(([id, m]) => [id, m.joinedTimestamp])));
			result.tracked++;
			continue;
		}
		const known = new Map(membership.members(guild.id));
		for (const [userId, joinedAt] of known) {
			const current = members.get(userId);
			if (current && current.joinedTimestamp === joinedAt) continue;
			// Gone, or gone and back (a new join): the join Foyer knew has ended.
			const left = uncachedMember(guild, { user: { id: userId }, joined_at: isoOrNull(joinedAt) });
			if (ledger.emit(CoreEvents.MemberLeftOffline, [left])) result.left++;
		}
		for (const member of members.values()) {
			if (known.get(member.id) === member.joinedTimestamp) continue;
			const key = ledger.keyOf(CoreEvents.MemberJoinedOffline, [member]);
			if (key && ledger.has(key)) continue;
			if (ledger.emit(CoreEvents.MemberJoinedOffline, [member])) result.joined++;
		}
	}
	return result;
}
