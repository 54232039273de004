import { Events, type GuildMember, type PartialGuildMember } from 'discord.js';
import { CoreEvents } from './core-events.ts';

/** Where a leave's join time comes from when discord.js no longer has the member cached. */
export type JoinedAtOf = (guildId: string, userId: string) => number | null | undefined;

type AnyMember = GuildMember | PartialGuildMember;

/**
 * The dedupe key of each event kind the core delivers at most once. A join is identified by guild,
 * user and join time: Discord's repeated GUILD_MEMBER_ADD for a member already there carries the same
 * `joined_at`, a replay after RESUME too, while a member who leaves and comes back has a new one. A
 * leave is the end of that join. Events of other kinds are delivered as they come.
 */
export function dedupeKeyFunctions(joinedAtOf: JoinedAtOf): Map<string, (args: readonly unknown[]) => string | null> {
	const joinKey = (args: readonly unknown[]) => {
		const member = args[0] as AnyMember;
		return `member-add:${member.guild.id}:${member.id}:${member.joinedTimestamp ?? 'unknown'}`;
	};
	const leaveKey = (args: readonly unknown[]) => {
		const member = args[0] as AnyMember;
		const joinedAt = member.joinedTimestamp ?? joinedAtOf(member.guild.id, member.id);
		// A leave of a join Foyer never knew cannot be told apart from another one: not deduplicated.
		return joinedAt ? `member-remove:${member.guild.id}:${member.id}:${joinedAt}` : null;
	};
	return new Map([
		[Events.GuildMemberAdd as string, joinKey],
		[CoreEvents.MemberJoinedOffline, joinKey],
		[Events.GuildMemberRemove as string, leaveKey],
		[CoreEvents.MemberLeftOffline, leaveKey],
	]);
}
