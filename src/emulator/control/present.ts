import { incidentsData, messagePayload, userPayload } from '../world/serialize.ts';
import type { EmGuild, EmMessage } from '../world/types.ts';
import type { World } from '../world/world.ts';

/** A message as the control API shows it: Discord's payload plus who it really pinged. */
export function presentMessage(world: World, m: EmMessage) {
	return {
		...messagePayload(m, world),
		guild_id: m.guildId,
		pings: m.pings,
		allowed_mentions: m.allowedMentions,
		ephemeral: (m.flags & 64) !== 0,
	};
}

/** The whole state of a guild, for tests and the sandbox panel. */
export function presentGuild(world: World, g: EmGuild) {
	const invites = world.guildInvites(g.id);
	return {
		id: g.id,
		name: g.name,
		owner_id: g.ownerId,
		vanity_code: g.vanityCode,
		vanity_uses: g.vanityUses,
		member_count: g.members.size,
		screening: g.screening,
		invites_disabled: g.invitesDisabled,
		incidents_data: incidentsData(world, g),
		members: [...g.members.values()].map((m) => ({
			...userPayload(world.user(m.userId)),
			roles: m.roles,
			nick: m.nick,
			joined_at: new Date(m.joinedAt).toISOString(),
			joined_via: m.joinedVia,
			flags: m.flags,
			pending: m.pending,
			temporary: m.temporary,
		})),
		roles: [...g.roles.values()]
			.sort((a, b) => b.position - a.position)
			.map((r) => ({
				id: r.id,
				name: r.name,
				position: r.position,
				permissions: r.permissions.toString(),
				managed: r.managed,
				mentionable: r.mentionable,
				color: r.color,
			})),
		channels: [...g.channels].map((id) => {
			const c = world.channel(id);
			return { id: c.id, name: c.name, type: c.type, parent_id: c.parentId, message_count: c.messages.size };
		}),
		invites: invites.map((i) => ({
			code: i.code,
			channel_id: i.channelId,
			inviter_id: i.inviterId,
			uses: i.uses,
			max_uses: i.maxUses,
			max_age: i.maxAge,
			temporary: i.temporary,
			created_at: new Date(i.createdAt).toISOString(),
			role_ids: i.roleIds,
			target_user_ids: i.targetUserIds,
		})),
		bans: [...g.bans.keys()],
	};
}
