/**
 * Events the core emits to plugins beside discord.js's own (listen to them like any client event:
 * `super(context, { event: CoreEvents.MemberJoinedOffline })`). No `:` in the names: those are
 * the plugins' own events (`provider:name`, the event bus), which never come from the client.
 *
 * - `foyerMemberJoinedOffline` (member: GuildMember): the member joined while Foyer was offline and
 *   the gateway could not replay their GUILD_MEMBER_ADD (the session was no longer resumable). Found
 *   at start from the member list: a member Foyer never saw join. Emitted once per join (same dedupe
 *   key as the live event), after the plugins are loaded. What it means is the plugin's decision:
 *   auto roles assign, join messages welcome only if their setting says so (default off), join DMs
 *   do nothing.
 * - `foyerMemberLeftOffline` (member: PartialGuildMember, only `id`, `guild` and `joinedTimestamp`
 *   as Foyer last knew it): a member Foyer knew left while it was offline, unreplayed.
 */
export const CoreEvents = {
	MemberJoinedOffline: 'foyerMemberJoinedOffline',
	MemberLeftOffline: 'foyerMemberLeftOffline',
} as const;

export type CoreEventName = (typeof CoreEvents)[keyof typeof CoreEvents];
