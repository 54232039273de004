import { type Client, DiscordAPIError, type GuildMember, RESTJSONErrorCodes } from 'discord.js';
import type { EffectExecutor } from '../effect-outbox.ts';

export const MEMBER_ROLES = 'member-roles';

export interface MemberRolesEffect {
	guildId: string;
	userId: string;
	/** In the order they are to be given. */
	roleIds: string[];
	reason?: string;
}

/** `added`: one call gave the missing roles; `had`: the member had them all; `gone`: no longer a member. */
export type MemberRolesOutcome = 'added' | 'had' | 'gone';

/**
 * Gives a member the roles they lack, with one REST call: PUT for one role, one member PATCH
 * (current roles first, then these in order) for several. Repeating it after a crash gives nothing
 * twice: roles the member has are skipped. Discord's errors (50013...) reach the caller.
 */
export function memberRolesExecutor(client: () => Client): EffectExecutor<MemberRolesEffect, MemberRolesOutcome> {
	return async (payload, live) => {
		const member = (live as { member?: GuildMember } | undefined)?.member ?? (await memberOf(client(), payload));
		if (!member) return 'gone';
		const missing = payload.roleIds.filter((id) => !member.roles.cache.has(id));
		if (missing.length === 0) return 'had';
		try {
			if (missing.length === 1) await member.roles.add(missing[0] as string, payload.reason);
			else {
				const kept = [...member.roles.cache.keys()].filter((id) => id !== member.guild.id);
				await member.roles.set([...kept, ...missing], payload.reason);
			}
		} catch (error) {
			if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMember) return 'gone';
			throw error;
		}
		return 'added';
	};
}

async function memberOf(client: Client, payload: MemberRolesEffect): Promise<GuildMember | null> {
	const guild = client.guilds.cache.get(payload.guildId);
	if (!guild) return null;
	try {
		return guild.members.cache.get(payload.userId) ?? (await guild.members.fetch(payload.userId));
	} catch (error) {
		if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMember) return null;
		throw error;
	}
}
