import type {
	APIAuditLogChange,
	APIAuditLogEntry,
	APIAuditLogOptions,
	APIChannel,
	APIGuildMember,
	APIMessage,
	APIRole,
	APIUser,
	AuditLogEvent,
	GatewayDispatchEvents,
	RoleFlags,
	UserFlags,
} from 'discord-api-types/v10';
import { snowflakeTimestamp } from '../snowflake.ts';
import type { EmAuditEntry, EmChannel, EmGuild, EmInvite, EmMember, EmMessage, EmRole, EmUser } from './types.ts';
import type { DispatchData, World } from './world.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export function userPayload(u: EmUser): APIUser {
	return {
		id: u.id,
		username: u.username,
		global_name: u.globalName,
		discriminator: '0',
		avatar: u.avatar,
		bot: u.bot || undefined,
		// No user flags are emulated (the enums have no zero member).
		public_flags: 0 as UserFlags,
		flags: 0 as UserFlags,
		banner: null,
		accent_color: null,
		avatar_decoration_data: null,
		primary_guild: null,
	} satisfies APIUser;
}

export function rolePayload(r: EmRole): APIRole {
	return {
		id: r.id,
		name: r.name,
		color: r.color,
		colors: { primary_color: r.color, secondary_color: null, tertiary_color: null },
		hoist: r.hoist,
		icon: null,
		unicode_emoji: null,
		position: r.position,
		permissions: r.permissions.toString(),
		managed: r.managed,
		mentionable: r.mentionable,
		flags: 0 as RoleFlags,
		...(r.botId ? { tags: { bot_id: r.botId } } : {}),
	} satisfies APIRole;
}

export function channelPayload(c: EmChannel, world: World): APIChannel {
	if (c.guildId === null) {
		// A bot's DM lists the other user only, never the bot itself.
		return {
			id: c.id,
			type: c.type,
			last_message_id: c.lastMessageId,
			recipients: c.recipients.filter((id) => !world.applications.has(id)).map((id) => userPayload(world.user(id))),
			flags: 0,
		} as unknown as APIChannel;
	}
	return {
		id: c.id,
		type: c.type,
		guild_id: c.guildId,
		name: c.name,
		position: c.position,
		parent_id: c.parentId,
		topic: c.topic,
		nsfw: false,
		last_message_id: c.lastMessageId,
		rate_limit_per_user: 0,
		flags: 0,
		permission_overwrites: c.overwrites.map((o) => ({
			id: o.id,
			type: o.type,
			allow: o.allow.toString(),
			deny: o.deny.toString(),
		})),
	} as unknown as APIChannel;
}

/** A guild channel as CHANNEL_CREATE/UPDATE/DELETE carry it (channelPayload covers DMs too). */
export function guildChannelEvent(c: EmChannel, world: World): DispatchData<GatewayDispatchEvents.ChannelCreate> {
	return channelPayload(c, world) as DispatchData<GatewayDispatchEvents.ChannelCreate>;
}

/** A member with its user (as REST and GUILD_MEMBER_* send it). */
export type MemberWithUser = APIGuildMember & { avatar: string | null; banner: string | null };

/** A member; without its user for the `member` of MESSAGE_CREATE and interactions' resolved data. */
export function memberPayload(m: EmMember, world: World): MemberWithUser;
export function memberPayload(m: EmMember, world: World, withUser: false): Omit<MemberWithUser, 'user'>;
export function memberPayload(
	m: EmMember,
	world: World,
	withUser = true,
): MemberWithUser | Omit<MemberWithUser, 'user'> {
	const base = {
		nick: m.nick,
		avatar: null,
		banner: null,
		roles: [...m.roles],
		joined_at: iso(m.joinedAt),
		premium_since: null,
		deaf: false,
		mute: false,
		flags: m.flags,
		pending: m.pending,
		communication_disabled_until: null,
	} satisfies Omit<MemberWithUser, 'user'>;
	return withUser ? { user: userPayload(world.user(m.userId)), ...base } : base;
}

export function partialGuildPayload(g: EmGuild) {
	return {
		id: g.id,
		name: g.name,
		icon: g.icon,
		splash: null,
		banner: null,
		description: null,
		features: guildFeatures(g),
		verification_level: 0,
		vanity_url_code: g.vanityCode,
		nsfw_level: 0,
		nsfw: false,
		premium_subscription_count: 0,
	};
}

/** A pause that has run out reads as none. */
export function activeUntil(world: World, until: number | null): number | null {
	return until !== null && until > world.now() ? until : null;
}

/** The guild's `incidents_data` (Incidents Data Object). */
export function incidentsData(world: World, guild: EmGuild) {
	const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
	return {
		invites_disabled_until: iso(activeUntil(world, guild.incidents.invitesDisabledUntil)),
		dms_disabled_until: iso(activeUntil(world, guild.incidents.dmsDisabledUntil)),
	};
}

export function guildFeatures(g: EmGuild): string[] {
	const features = g.vanityCode ? ['VANITY_URL', 'INVITE_SPLASH'] : [];
	if (g.screening) features.push('MEMBER_VERIFICATION_GATE_ENABLED');
	if (g.invitesDisabled) features.push('INVITES_DISABLED');
	return features;
}

/** The guild object of REST `GET /guilds/:id` and GUILD_UPDATE (no members, channels or presences). */
export function guildPayload(g: EmGuild, world: World) {
	return {
		id: g.id,
		name: g.name,
		icon: g.icon,
		home_header: null,
		splash: null,
		discovery_splash: null,
		owner_id: g.ownerId,
		region: 'deprecated',
		afk_channel_id: null,
		afk_timeout: 300,
		widget_enabled: false,
		widget_channel_id: null,
		verification_level: 0,
		default_message_notifications: 1,
		explicit_content_filter: 0,
		roles: [...g.roles.values()].map(rolePayload),
		emojis: [],
		stickers: [],
		features: guildFeatures(g),
		mfa_level: 0,
		application_id: null,
		system_channel_id: g.systemChannelId,
		system_channel_flags: 0,
		rules_channel_id: null,
		max_presences: null,
		max_members: 500000,
		max_stage_video_channel_users: 50,
		max_video_channel_users: 25,
		vanity_url_code: g.vanityCode,
		description: null,
		banner: null,
		premium_tier: 0,
		premium_subscription_count: 0,
		preferred_locale: 'en-US',
		public_updates_channel_id: null,
		nsfw: false,
		nsfw_level: 0,
		premium_progress_bar_enabled: false,
		safety_alerts_channel_id: null,
		incidents_data: incidentsData(world, g),
	};
}

/** GUILD_CREATE: the guild with its channels, and members unless the guild is large. */
export function guildCreatePayload(
	g: EmGuild,
	world: World,
	opts: { includeMembers: boolean; largeThreshold: number; botUserId: string },
) {
	const large = g.members.size > opts.largeThreshold;
	const members: APIGuildMember[] = [];
	if (opts.includeMembers && !large) for (const m of g.members.values()) members.push(memberPayload(m, world));
	else {
		const me = g.members.get(opts.botUserId);
		if (me) members.push(memberPayload(me, world));
	}
	return {
		...guildPayload(g, world),
		joined_at: iso(g.members.get(opts.botUserId)?.joinedAt ?? g.createdAt),
		large,
		unavailable: false,
		member_count: g.members.size,
		voice_states: [],
		members,
		channels: [...g.channels].map((id) => channelPayload(world.channel(id), world)),
		threads: [],
		presences: [],
		stage_instances: [],
		guild_scheduled_events: [],
		soundboard_sounds: [],
	};
}

export function invitePayload(inv: EmInvite, world: World, withMetadata = true) {
	const guild = world.guilds.get(inv.guildId);
	const channel = world.channels.get(inv.channelId);
	const base = {
		type: 0,
		code: inv.code,
		guild_id: inv.guildId,
		guild: guild ? partialGuildPayload(guild) : undefined,
		channel: channel ? { id: channel.id, type: channel.type, name: channel.name } : null,
		inviter: inv.inviterId ? userPayload(world.user(inv.inviterId)) : undefined,
		expires_at: inv.maxAge > 0 ? iso(inv.createdAt + inv.maxAge * 1000) : null,
		...(inv.roleIds.length ? { roles: inv.roleIds } : {}),
	};
	if (!withMetadata) return base;
	return {
		...base,
		uses: inv.uses,
		max_uses: inv.maxUses,
		max_age: inv.maxAge,
		temporary: inv.temporary,
		created_at: iso(inv.createdAt),
	};
}

/** INVITE_CREATE's payload. */
export function inviteCreateEvent(inv: EmInvite, world: World) {
	return {
		channel_id: inv.channelId,
		guild_id: inv.guildId,
		code: inv.code,
		created_at: iso(inv.createdAt),
		inviter: inv.inviterId ? userPayload(world.user(inv.inviterId)) : undefined,
		max_age: inv.maxAge,
		max_uses: inv.maxUses,
		temporary: inv.temporary,
		uses: 0 as const,
		type: 0,
		expires_at: inv.maxAge > 0 ? iso(inv.createdAt + inv.maxAge * 1000) : null,
		...(inv.roleIds.length ? { role_ids: inv.roleIds } : {}),
	};
}

/**
 * A message as REST answers it. REST messages carry no `guild_id` (the gateway adds it to
 * MESSAGE_CREATE/UPDATE, the spec's MessageResponse has none).
 */
export function messagePayload(m: EmMessage, world: World, viewerId?: string): APIMessage {
	const author = world.user(m.authorId);
	return {
		id: m.id,
		channel_id: m.channelId,
		author: userPayload(author),
		content: m.content,
		timestamp: iso(snowflakeTimestamp(m.id)),
		edited_timestamp: m.editedAt ? iso(m.editedAt) : null,
		tts: false,
		mention_everyone: m.pings.everyone,
		mentions: m.mentionedUsers.filter((id) => world.users.has(id)).map((id) => userPayload(world.user(id))),
		mention_roles: m.mentionedRoles,
		attachments: [],
		embeds: m.embeds,
		reactions:
			m.reactions.size > 0
				? [...m.reactions.values()].map((r) => ({
						emoji: r.emoji,
						count: r.users.size,
						count_details: { burst: 0, normal: r.users.size },
						me: viewerId ? r.users.has(viewerId) : false,
						me_burst: false,
						burst_colors: [],
					}))
				: undefined,
		pinned: false,
		type: m.type,
		flags: m.flags,
		components: m.components,
		...(m.webhookId ? { webhook_id: m.webhookId } : {}),
		...(m.applicationId ? { application_id: m.applicationId } : {}),
		...(m.reference ? { message_reference: { type: 0, ...m.reference } } : {}),
		...(m.interaction
			? {
					interaction_metadata: {
						id: m.interaction.id,
						type: m.interaction.type,
						user: userPayload(world.user(m.interaction.userId)),
						authorizing_integration_owners: {},
						...(m.interaction.name ? { name: m.interaction.name } : {}),
					},
				}
			: {}),
	} as unknown as APIMessage;
}

/** An audit log entry; `changes`, `reason` and `options` only when there are any. */
export function auditEntryPayload(e: EmAuditEntry): APIAuditLogEntry {
	return {
		id: e.id,
		user_id: e.userId,
		target_id: e.targetId,
		action_type: e.actionType as AuditLogEvent,
		// Each change is written with its documented key; the union of key types is Discord's list.
		...(e.changes.length > 0 ? { changes: e.changes as APIAuditLogChange[] } : {}),
		...(e.reason ? { reason: e.reason } : {}),
		...(e.options ? { options: e.options as APIAuditLogOptions } : {}),
	};
}
