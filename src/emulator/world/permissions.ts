import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import type { EmChannel, EmGuild } from './types.ts';

export const ALL_PERMISSIONS = Object.values(P).reduce((all, bit) => all | bit, 0n);

/** What @everyone gets in a new guild (Discord's defaults for text communities). */
export const DEFAULT_EVERYONE_PERMISSIONS =
	P.ViewChannel |
	P.CreateInstantInvite |
	P.ChangeNickname |
	P.SendMessages |
	P.SendMessagesInThreads |
	P.CreatePublicThreads |
	P.EmbedLinks |
	P.AttachFiles |
	P.AddReactions |
	P.UseExternalEmojis |
	P.ReadMessageHistory |
	P.UseApplicationCommands |
	P.Connect |
	P.Speak;

/** Guild-level permissions of a member: owner and Administrator get everything. */
export function basePermissions(guild: EmGuild, userId: string): bigint {
	if (guild.ownerId === userId) return ALL_PERMISSIONS;
	const member = guild.members.get(userId);
	let perms = guild.roles.get(guild.id)?.permissions ?? 0n;
	if (!member) return perms;
	for (const roleId of member.roles) perms |= guild.roles.get(roleId)?.permissions ?? 0n;
	return perms & P.Administrator ? ALL_PERMISSIONS : perms;
}

/** Channel permissions following Discord's overwrite order: @everyone, roles, then the member. */
export function channelPermissions(guild: EmGuild, channel: EmChannel, userId: string): bigint {
	let perms = basePermissions(guild, userId);
	if (perms & P.Administrator || guild.ownerId === userId) return ALL_PERMISSIONS;
	const member = guild.members.get(userId);
	const everyone = channel.overwrites.find((o) => o.id === guild.id);
	if (everyone) perms = (perms & ~everyone.deny) | everyone.allow;
	let allow = 0n;
	let deny = 0n;
	for (const o of channel.overwrites) {
		if (o.type === 0 && o.id !== guild.id && member?.roles.includes(o.id)) {
			allow |= o.allow;
			deny |= o.deny;
		}
	}
	perms = (perms & ~deny) | allow;
	const own = channel.overwrites.find((o) => o.type === 1 && o.id === userId);
	if (own) perms = (perms & ~own.deny) | own.allow;
	// Without View Channel nothing else in the channel applies.
	return perms & P.ViewChannel ? perms : 0n;
}

export function highestRolePosition(guild: EmGuild, userId: string): number {
	const member = guild.members.get(userId);
	if (!member) return -1;
	let top = 0;
	for (const roleId of member.roles) top = Math.max(top, guild.roles.get(roleId)?.position ?? 0);
	return top;
}

/** Whether `actorId` may act on a role at `position` (hierarchy rule for role edits and assignment). */
export function canManageRoleAt(guild: EmGuild, actorId: string, position: number): boolean {
	if (guild.ownerId === actorId) return true;
	return highestRolePosition(guild, actorId) > position;
}

/** Whether `actorId` outranks `targetId` (kick, ban, nickname changes). */
export function outranks(guild: EmGuild, actorId: string, targetId: string): boolean {
	if (targetId === guild.ownerId) return false;
	if (actorId === guild.ownerId) return true;
	return highestRolePosition(guild, actorId) > highestRolePosition(guild, targetId);
}

export function has(perms: bigint, flag: bigint): boolean {
	return (perms & flag) === flag;
}
