import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { Errors } from '../errors.ts';
import { type RouteContext, requireApp } from '../http/route.ts';
import { basePermissions, channelPermissions, has } from '../world/permissions.ts';
import type { EmChannel, EmGuild } from '../world/types.ts';

/** The guild of a route, which the calling bot must be in (10004 unknown, 50001 not a member). */
export function guildOf(ctx: RouteContext, guildId: string): EmGuild {
	const guild = ctx.world.guild(guildId);
	if (!guild.members.has(requireApp(ctx).botUserId)) throw Errors.missingAccess();
	return guild;
}

export function requireGuildPermission(ctx: RouteContext, guild: EmGuild, flag: bigint): void {
	if (!has(basePermissions(guild, requireApp(ctx).botUserId), flag)) throw Errors.missingPermissions();
}

/** A channel the bot can see: guild channels need View Channel (50001), DMs must include the bot. */
export function visibleChannel(
	ctx: RouteContext,
	channelId: string,
): { channel: EmChannel; guild: EmGuild | null; perms: bigint } {
	const channel = ctx.world.channel(channelId);
	const botId = requireApp(ctx).botUserId;
	if (channel.guildId === null) {
		if (!channel.recipients.includes(botId)) throw Errors.missingAccess();
		return {
			channel,
			guild: null,
			perms: P.ViewChannel | P.SendMessages | P.ReadMessageHistory | P.AddReactions | P.EmbedLinks,
		};
	}
	const guild = guildOf(ctx, channel.guildId);
	const perms = channelPermissions(guild, channel, botId);
	if (!has(perms, P.ViewChannel)) throw Errors.missingAccess();
	return { channel, guild, perms };
}

export function requirePerm(perms: bigint, flag: bigint): void {
	if (!has(perms, flag)) throw Errors.missingPermissions();
}
