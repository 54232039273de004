import { RESTJSONErrorCodes as C, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { ApiError, Errors } from '../errors.ts';
import { type RouteContext, requireApp } from '../http/route.ts';
import { basePermissions, channelPermissions, has, highestRolePosition } from '../world/permissions.ts';
import type { EmChannel, EmGuild, EmMember, EmMessage, EmRole } from '../world/types.ts';

/**
 * What the calling bot may reach and do, checked as Discord checks it: 10004/10003/10007/10011 for
 * what does not exist, 50001 for what the bot cannot see, 50013 for a missing permission or a role
 * hierarchy it does not outrank. The one set of access checks every REST route uses.
 */

/** What a bot may do in a DM it is part of (there are no overwrites there, and no Manage Messages). */
const DM_PERMISSIONS =
	P.ViewChannel |
	P.SendMessages |
	P.EmbedLinks |
	P.AttachFiles |
	P.ReadMessageHistory |
	P.AddReactions |
	P.UseExternalEmojis;

/** 50003: the action only exists in guild channels. */
export const cannotActOnDm = () =>
	new ApiError(403, C.CannotExecuteActionOnDMChannel, 'Cannot execute action on a DM channel');

/** The calling bot's user id. */
export function botId(ctx: RouteContext): string {
	return requireApp(ctx).botUserId;
}

/** The guild of a route, which the calling bot must be in (10004 unknown, 50001 not a member). */
export function guildOf(ctx: RouteContext, guildId: string): EmGuild {
	const guild = ctx.world.guild(guildId);
	if (!guild.members.has(botId(ctx))) throw Errors.missingAccess();
	return guild;
}

export function botGuildPermissions(ctx: RouteContext, guild: EmGuild): bigint {
	return basePermissions(guild, botId(ctx));
}

/** 50013 unless the bot has `flag` guild-wide (owner and Administrator have everything). */
export function requireGuildPermission(ctx: RouteContext, guild: EmGuild, flag: bigint): void {
	if (!has(botGuildPermissions(ctx, guild), flag)) throw Errors.missingPermissions();
}

/** 50013 unless `perms` (from `visibleChannel`) include `flag`. */
export function requirePerm(perms: bigint, flag: bigint): void {
	if (!has(perms, flag)) throw Errors.missingPermissions();
}

/**
 * A channel the bot can see, with its permissions there: guild channels need View Channel (else
 * 50001), a DM must include the bot (else 50001). 10003 for an unknown channel.
 */
export function visibleChannel(
	ctx: RouteContext,
	channelId: string,
): { channel: EmChannel; guild: EmGuild | null; perms: bigint } {
	const channel = ctx.world.channel(channelId);
	if (channel.guildId === null) {
		if (!channel.recipients.includes(botId(ctx))) throw Errors.missingAccess();
		return { channel, guild: null, perms: DM_PERMISSIONS };
	}
	const guild = guildOf(ctx, channel.guildId);
	const perms = channelPermissions(guild, channel, botId(ctx));
	if (!has(perms, P.ViewChannel)) throw Errors.missingAccess();
	return { channel, guild, perms };
}

/** A guild channel the bot can see; a DM it is part of answers 50003. */
export function visibleGuildChannel(
	ctx: RouteContext,
	channelId: string,
): { channel: EmChannel; guild: EmGuild; perms: bigint } {
	const { channel, guild, perms } = visibleChannel(ctx, channelId);
	if (!guild) throw cannotActOnDm();
	return { channel, guild, perms };
}

/** A message of the channel as the API shows it: ephemeral messages do not exist there (10008). */
export function channelMessage(channel: EmChannel, messageId: string): EmMessage {
	const message = channel.messages.get(messageId);
	if (!message || message.flags & 64) throw Errors.unknownMessage();
	return message;
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
