import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { Errors, fieldError } from '../../errors.ts';
import { type RestRoute, requireApp } from '../../http/route.ts';
import { basePermissions, channelPermissions, has } from '../../world/permissions.ts';
import { invitePayload } from '../../world/serialize.ts';
import { guildOf, requireGuildPermission, requirePerm, visibleChannel } from '../access.ts';

const int = (value: unknown, field: string, min: number, max: number, fallback: number): number => {
	if (value === undefined || value === null) return fallback;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
		throw fieldError(field, 'NUMBER_TYPE_MAX', `Must be between ${min} and ${max}.`);
	return value;
};

export const inviteRoutes: RestRoute[] = [
	{
		method: 'POST',
		path: '/channels/:channel_id/invites',
		auth: 'bot',
		bucket: 'invite.create',
		handler: (ctx) => {
			const { channel, guild, perms } = visibleChannel(ctx, ctx.params.channel_id as string);
			if (!guild) throw Errors.unknownChannel();
			requirePerm(perms, P.CreateInstantInvite);
			const body = (ctx.body ?? {}) as Record<string, unknown>;
			const invite = ctx.world.createInvite(
				channel.id,
				{
					inviterId: requireApp(ctx).botUserId,
					maxAge: int(body.max_age, 'max_age', 0, 604_800, 86_400),
					maxUses: int(body.max_uses, 'max_uses', 0, 100, 0),
					temporary: body.temporary === true,
					...(Array.isArray(body.role_ids) ? { roleIds: body.role_ids as string[] } : {}),
					...(Array.isArray(body.target_user_ids) ? { targetUserIds: body.target_user_ids as string[] } : {}),
				},
				ctx.reason,
			);
			return invitePayload(invite, ctx.world);
		},
	},
	{
		method: 'GET',
		path: '/channels/:channel_id/invites',
		auth: 'bot',
		handler: (ctx) => {
			const { channel, guild, perms } = visibleChannel(ctx, ctx.params.channel_id as string);
			if (!guild) throw Errors.unknownChannel();
			requirePerm(perms, P.ManageChannels);
			return ctx.world
				.guildInvites(guild.id)
				.filter((i) => i.channelId === channel.id)
				.map((i) => invitePayload(i, ctx.world));
		},
	},
	{
		method: 'GET',
		path: '/guilds/:guild_id/invites',
		auth: 'bot',
		handler: (ctx) => {
			const guild = guildOf(ctx, ctx.params.guild_id as string);
			requireGuildPermission(ctx, guild, P.ManageGuild);
			return ctx.world.guildInvites(guild.id).map((i) => invitePayload(i, ctx.world));
		},
	},
	{
		method: 'GET',
		path: '/guilds/:guild_id/vanity-url',
		auth: 'bot',
		handler: (ctx) => {
			const guild = guildOf(ctx, ctx.params.guild_id as string);
			requireGuildPermission(ctx, guild, P.ManageGuild);
			return { code: guild.vanityCode, uses: guild.vanityCode ? guild.vanityUses : 0 };
		},
	},
	{
		method: 'GET',
		path: '/invites/:code',
		auth: 'bot',
		handler: (ctx) => {
			const invite = ctx.world.invite(ctx.params.code as string);
			const payload = invitePayload(invite, ctx.world, false);
			const guild = ctx.world.guild(invite.guildId);
			return ctx.query.get('with_counts') === 'true'
				? { ...payload, approximate_member_count: guild.members.size, approximate_presence_count: 0 }
				: payload;
		},
	},
	{
		method: 'DELETE',
		path: '/invites/:code',
		auth: 'bot',
		handler: (ctx) => {
			const app = requireApp(ctx);
			const invite = ctx.world.invite(ctx.params.code as string);
			const guild = guildOf(ctx, invite.guildId);
			const channel = ctx.world.channel(invite.channelId);
			if (
				!has(channelPermissions(guild, channel, app.botUserId), P.ManageChannels) &&
				!has(basePermissions(guild, app.botUserId), P.ManageGuild)
			)
				throw Errors.missingPermissions();
			const payload = invitePayload(invite, ctx.world);
			ctx.world.deleteInvite(invite.code, app.botUserId, ctx.reason);
			return payload;
		},
	},
];
