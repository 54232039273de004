import { z } from 'zod';
import { Reply, type RestRoute } from '../http/route.ts';
import { memberPayload, userPayload } from '../world/serialize.ts';
import { badRequest, parse, snowflake } from './validate.ts';
import { createUserFrom, userSpec } from './world-routes.ts';

const joinSpec = z.strictObject({
	user_id: snowflake.optional(),
	user: userSpec.optional(),
	invite_code: z.string().min(1).max(64).optional(),
	vanity: z.boolean().optional(),
	duplicate: z.boolean().optional(),
});

export const memberRoutes: RestRoute[] = [
	{
		method: 'POST',
		path: '/guilds/:guild_id/joins',
		auth: 'none',
		handler: ({ world, params, body }) => {
			const spec = parse(joinSpec, body);
			if (spec.user_id && spec.user) throw badRequest('Give user_id (an existing user) or user (a new one), not both');
			const guild = world.guild(params.guild_id as string);
			// Validate everything before creating a user, so a refused join changes nothing.
			const existing = spec.user_id ? world.user(spec.user_id) : null;
			if (spec.invite_code !== undefined) {
				const invite = world.invite(spec.invite_code);
				if (invite.guildId !== guild.id) throw badRequest(`Invite ${invite.code} belongs to another guild`);
			}
			if (spec.vanity && !guild.vanityCode) throw badRequest(`Guild ${guild.id} has no vanity URL`);
			if (spec.vanity && spec.invite_code) throw badRequest('Join through an invite code or the vanity URL, not both');
			const user = existing ?? createUserFrom(world, spec.user ?? {});
			try {
				const member = world.join(guild.id, user.id, {
					...(spec.invite_code !== undefined ? { inviteCode: spec.invite_code } : {}),
					...(spec.vanity ? { vanity: true } : {}),
					...(spec.duplicate ? { duplicate: true } : {}),
				});
				return new Reply(201, {
					user: { ...userPayload(user), dms_open: user.dmsOpen },
					member: memberPayload(member, world, false),
					joined_via: member.joinedVia,
					member_count: guild.members.size,
				});
			} catch (error) {
				if (!existing) world.users.delete(user.id);
				throw error;
			}
		},
	},
	{
		method: 'POST',
		path: '/guilds/:guild_id/leaves',
		auth: 'none',
		handler: ({ world, params, body }) => {
			const { user_id } = parse(z.strictObject({ user_id: snowflake }), body);
			world.removeMember(params.guild_id as string, user_id);
			return { member_count: world.guild(params.guild_id as string).members.size };
		},
	},
	{
		method: 'GET',
		path: '/guilds/:guild_id/members/:user_id',
		auth: 'none',
		handler: ({ world, params }) =>
			memberPayload(world.member(params.guild_id as string, params.user_id as string), world),
	},
	{
		method: 'PATCH',
		path: '/guilds/:guild_id/members/:user_id',
		auth: 'none',
		handler: ({ world, params, body }) => {
			const spec = parse(
				z.strictObject({ roles: z.array(snowflake).optional(), nick: z.string().max(32).nullable().optional() }),
				body,
			);
			const guild = world.guild(params.guild_id as string);
			const member = world.updateMember(guild.id, params.user_id as string, spec, guild.ownerId);
			return memberPayload(member, world);
		},
	},
	{
		method: 'POST',
		path: '/guilds/:guild_id/bans',
		auth: 'none',
		handler: ({ world, params, body }) => {
			const { user_id, reason } = parse(
				z.strictObject({ user_id: snowflake, reason: z.string().max(512).optional() }),
				body,
			);
			const guild = world.guild(params.guild_id as string);
			world.ban(guild.id, user_id, guild.ownerId, reason ?? null);
			return Reply.noContent();
		},
	},
	{
		method: 'POST',
		path: '/guilds/:guild_id/invites',
		auth: 'none',
		handler: ({ world, params, body }) => {
			const spec = parse(
				z.strictObject({
					inviter_id: snowflake.nullable().optional(),
					channel_id: snowflake.optional(),
					max_uses: z.number().int().min(0).max(100).optional(),
					max_age: z.number().int().min(0).max(604_800).optional(),
					temporary: z.boolean().optional(),
					code: z
						.string()
						.regex(/^[A-Za-z0-9-]{2,32}$/)
						.optional(),
					role_ids: z.array(snowflake).optional(),
					target_user_ids: z.array(snowflake).optional(),
				}),
				body,
			);
			const guild = world.guild(params.guild_id as string);
			const inviterId = spec.inviter_id === undefined ? guild.ownerId : spec.inviter_id;
			if (inviterId !== null) world.user(inviterId);
			const channelId = spec.channel_id ?? guild.systemChannelId;
			if (!channelId || world.channel(channelId).guildId !== guild.id)
				throw badRequest('channel_id must be a channel of this guild');
			const invite = world.createInvite(channelId, {
				inviterId,
				...(spec.max_uses !== undefined ? { maxUses: spec.max_uses } : {}),
				...(spec.max_age !== undefined ? { maxAge: spec.max_age } : {}),
				...(spec.temporary !== undefined ? { temporary: spec.temporary } : {}),
				...(spec.code ? { code: spec.code } : {}),
				...(spec.role_ids ? { roleIds: spec.role_ids } : {}),
				...(spec.target_user_ids ? { targetUserIds: spec.target_user_ids } : {}),
			});
			return new Reply(201, {
				code: invite.code,
				guild_id: invite.guildId,
				channel_id: invite.channelId,
				inviter_id: invite.inviterId,
				uses: invite.uses,
				max_uses: invite.maxUses,
				max_age: invite.maxAge,
			});
		},
	},
	{
		method: 'DELETE',
		path: '/invites/:code',
		auth: 'none',
		handler: ({ world, params }) => {
			const invite = world.invite(params.code as string);
			world.deleteInvite(invite.code, world.guild(invite.guildId).ownerId);
			return Reply.noContent();
		},
	},
];
