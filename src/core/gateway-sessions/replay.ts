import { Events, type GuildMember } from 'discord.js';
import type { FoyerClient } from '../client.ts';
import type { EventLedger } from '../events/event-ledger.ts';
import type { MembershipStore } from './membership-store.ts';
import type { ReplayedEvent } from './session-drain.ts';
import { isoOrNull, uncachedMember } from './uncached-member.ts';

interface MemberPayload {
	guild_id: string;
	user: { id: string };
	joined_at?: string | null;
}

/**
 * Hands the events a drained session replayed to the plugins, in order, through the ledger (which
 * skips what was already handled). Only member joins and leaves are replayed: Foyer identified anew,
 * so discord.js's cache already reflects everything else as it is now, and replaying older state
 * changes into it would make it stale. Interactions are gone after 15 minutes and never replayed.
 */
export function replayEvents(
	client: FoyerClient,
	ledger: EventLedger,
	membership: MembershipStore,
	events: readonly ReplayedEvent[],
): number {
	let replayed = 0;
	for (const event of events) {
		if (event.t === 'GUILD_MEMBER_ADD') {
			const d = event.d as MemberPayload;
			const guild = client.guilds.cache.get(d.guild_id);
			if (!guild) continue;
			const cached = guild.members.cache.get(d.user.id);
			const joinedAt = d.joined_at ? Date.parse(d.joined_at) : null;
			const member: GuildMember =
				cached && cached.joinedTimestamp === joinedAt ? cached : uncachedMember(guild, d as never);
			if (ledger.replay(Events.GuildMemberAdd, [member])) replayed++;
		} else if (event.t === 'GUILD_MEMBER_REMOVE') {
			const d = event.d as MemberPayload;
			const guild = client.guilds.cache.get(d.guild_id);
			if (!guild) continue;
			const joinedAt = membership.joinedAt(guild.id, d.user.id);
			const member = uncachedMember(guild, { user: d.user, joined_at: isoOrNull(joinedAt) });
			if (ledger.replay(Events.GuildMemberRemove, [member])) replayed++;
		}
	}
	return replayed;
}
