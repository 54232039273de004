import { type Client, Events, type GuildMember, type PartialGuildMember } from 'discord.js';
import { currentEvent } from '../events/event-context.ts';
import type { MemberActivity } from './member-activity.ts';

/** The core's one hook on member events: every join and leave of every guild, whatever plugins are on. */
export function recordMemberActivity(client: Client, activity: MemberActivity): void {
	// Delivered by the event ledger, in the event's context: its dedupe key makes the count replay-safe.
	client.on(Events.GuildMemberAdd, (member: GuildMember) =>
		activity.joined(member.guild.id, member.id, currentEvent()?.key ?? null),
	);
	client.on(Events.GuildMemberRemove, (member: GuildMember | PartialGuildMember) =>
		activity.left(member.guild.id, member.id, currentEvent()?.key ?? null),
	);
}
