import { RESTJSONErrorCodes as C, PermissionFlagsBits as P } from 'discord-api-types/v10';
import { ApiError, Errors } from '../errors.ts';
import { type RouteContext, requireApp } from '../http/route.ts';
import { basePermissions, channelPermissions, has } from '../world/permissions.ts';
import type { EmChannel, EmGuild, EmMessage } from '../world/types.ts';

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

/** The guild of a route, which the calling bot must be in (10004 unknown, 50001 not a member). */
export function guildOf(ctx: RouteContext, guildId: string): EmGuild {
	const guild = ctx.world.guild(guildId);
	if (!guild.members.has(requireApp(ctx).botUserId)) throw Errors.missingAccess();
	return guild;
}

/** 50013 unless the bot has `flag` guild-wide (owner and Administrator have everything). */
export function requireGuildPermission(ctx: RouteContext, guild: EmGuild, flag: bigint): void {
	if (!has(basePermissions(guild, requireApp(ctx).botUserId), flag)) throw Errors.missingPermissions();
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
	const botId = requireApp(ctx).botUserId;
	if (channel.guildId === null) {
		if (!channel.recipients.includes(botId)) throw Errors.missingAccess();
		return { channel, guild: null, perms: DM_PERMISSIONS };
	}
	const guild = guildOf(ctx, channel.guildId);
	const perms = channelPermissions(guild, channel, botId);
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

/** 50001 Missing Access without View Channel in `channel`, 50013 Missing Permissions without `flag`. */
export function requireChannelPermission(ctx: RouteContext, channel: EmChannel, flag: bigint): void {
	requirePerm(visibleChannel(ctx, channel.id).perms, flag);
}

/** 50013 unless `perms` (from `visibleChannel`) include `flag`. */
export function requirePerm(perms: bigint, flag: bigint): void {
	if (!has(perms, flag)) throw Errors.missingPermissions();
}

/** A message of the channel as the API shows it: ephemeral messages do not exist there (10008). */
export function channelMessage(channel: EmChannel, messageId: string): EmMessage {
	const message = channel.messages.get(messageId);
	if (!message || message.flags & 64) throw Errors.unknownMessage();
	return message;
}
