import { RESTJSONErrorCodes as C, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { ApiError, Errors } from '../errors.ts';
import { type RouteContext, requireApp } from '../http/route.ts';
import { basePermissions, channelPermissions, has, highestRolePosition } from '../world/permissions.ts';
import type { EmChannel, EmGuild, EmMember, EmRole } from '../world/types.ts';
import { guildOf, requireGuildPermission } from './access.ts';

// One implementation of the shared checks (rest/access.ts); re-exported for the guild routes.
export { guildOf, requireGuildPermission };

/** The calling bot's user id. */
export function botId(ctx: RouteContext): string {
	return requireApp(ctx).botUserId;
}

export function botGuildPermissions(ctx: RouteContext, guild: EmGuild): bigint {
	return basePermissions(guild, botId(ctx));
}

/**
 * A guild channel the bot can see, with the bot's permissions in it. A DM the bot is part of is
 * 50003 (guild-only action); a channel it cannot view is 50001.
 */
export function guildChannelOf(
	ctx: RouteContext,
	channelId: string,
): { channel: EmChannel; guild: EmGuild; perms: bigint } {
	const channel = ctx.world.channel(channelId);
	if (channel.guildId === null) {
		if (!channel.recipients.includes(botId(ctx))) throw Errors.missingAccess();
		throw new ApiError(403, C.CannotExecuteActionOnDMChannel, 'Cannot execute action on a DM channel');
	}
	const guild = guildOf(ctx, channel.guildId);
	const perms = channelPermissions(guild, channel, botId(ctx));
	if (!has(perms, P.ViewChannel)) throw Errors.missingAccess();
	return { channel, guild, perms };
}

export function memberOf(guild: EmGuild, userId: string): EmMember {
	const member = guild.members.get(userId);
	if (!member) throw Errors.unknownMember();
	return member;
}

export function roleOf(guild: EmGuild, roleId: string): EmRole {
	const role = guild.roles.get(roleId);
	if (!role) throw Errors.unknownRole();
	return role;
}

/** The position of the bot's highest role; the owner counts as above every role. */
export function botTopPosition(ctx: RouteContext, guild: EmGuild): number {
	return guild.ownerId === botId(ctx) ? Number.POSITIVE_INFINITY : highestRolePosition(guild, botId(ctx));
}

/** 50013 unless `role` sits strictly below the bot's highest role. */
export function requireRoleBelowBot(ctx: RouteContext, guild: EmGuild, role: EmRole): void {
	if (role.position >= botTopPosition(ctx, guild)) throw Errors.missingPermissions();
}

/** A role the bot may give or take: not @everyone, not managed, below the bot's highest role (else 50013). */
export function requireAssignable(ctx: RouteContext, guild: EmGuild, role: EmRole): void {
	if (role.id === guild.id || role.managed) throw Errors.missingPermissions();
	requireRoleBelowBot(ctx, guild, role);
}
