import type { GuildMember } from 'discord.js';
import type { AutoRole } from './_rules.ts';
import { listRules } from './_rules.ts';
import plugin from './plugin.ts';

/**
 * One job per member and delay, not per role: roles due at the same moment are then given in their
 * configured order with one REST call. The key lets a leave cancel them and a repeated join replace them.
 */
export function jobKey(guildId: string, userId: string, delaySeconds: number): string {
	return `assign:${guildId}:${userId}:${delaySeconds}`;
}

/** Schedules the delayed rules, counted from the join itself so that a repeated join event moves nothing. */
export async function scheduleDelayed(member: GuildMember, rules: readonly AutoRole[]): Promise<void> {
	const byDelay = new Map<number, string[]>();
	for (const rule of rules) byDelay.set(rule.delaySeconds, [...(byDelay.get(rule.delaySeconds) ?? []), rule.roleId]);
	const joinedAt = member.joinedTimestamp;
	for (const [delaySeconds, roleIds] of byDelay) {
		await plugin.schedule(
			'assign',
			{ guildId: member.guild.id, userId: member.id, joinedAt, delaySeconds, roleIds },
			{
				at: new Date((joinedAt ?? plugin.now()) + delaySeconds * 1000),
				key: jobKey(member.guild.id, member.id, delaySeconds),
			},
		);
	}
}

/** Cancels a member's pending assignments (for every delay configured now; older ones skip themselves). */
export async function cancelDelayed(guildId: string, userId: string): Promise<void> {
	const delays = new Set((await listRules(guildId)).map((r) => r.delaySeconds).filter((d) => d > 0));
	for (const delay of delays) await plugin.cancel(jobKey(guildId, userId, delay));
}
