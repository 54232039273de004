import { randomBytes } from 'node:crypto';
import {
	AuditLogEvent,
	ChannelType,
	GatewayDispatchEvents as E,
	GatewayIntentBits as I,
	PermissionFlagsBits as P,
} from 'discord-api-types/v10';
import { ApiError, Errors } from '../errors.ts';
import { SnowflakeGenerator } from '../snowflake.ts';
import { basePermissions, DEFAULT_EVERYONE_PERMISSIONS } from './permissions.ts';
import {
	channelPayload,
	guildCreatePayload,
	inviteCreateEvent,
	memberPayload,
	rolePayload,
	userPayload,
} from './serialize.ts';
import type {
	EmApplication,
	EmAuditEntry,
	EmChannel,
	EmGuild,
	EmInvite,
	EmMember,
	EmMessage,
	EmRole,
	EmUser,
} from './types.ts';

/** One gateway event, addressed by guild (every bot in it) or by application. */
export interface Dispatch {
	t: E;
	d: unknown;
	/** The intent a session needs to receive it; null for events every session gets. */
	intent: number | null;
	guildId: string | null;
	/** Only this application's sessions (interactions, DMs). */
	appId: string | null;
	/** Set for MESSAGE_CREATE/UPDATE: lets the gateway strip content for bots without Message Content. */
	message?: EmMessage;
}

export type DispatchListener = (event: Dispatch) => void;

export interface CreateUserOptions {
	username?: string;
	globalName?: string | null;
	avatar?: string | null;
	bot?: boolean;
	dmsOpen?: boolean;
	/** Account age: the snowflake is minted this many milliseconds in the past (discord.js derives createdAt from it). */
	accountAgeMs?: number;
}

export interface CreateGuildOptions {
	name?: string;
	ownerId?: string;
	memberCount?: number;
	channels?: string[];
	roles?: { name: string; permissions?: bigint; color?: number; mentionable?: boolean; hoist?: boolean }[];
	vanityCode?: string | null;
	/** Applications whose bots are in the guild (default: every application). */
	appIds?: string[];
}

export interface JoinOptions {
	inviteCode?: string;
	vanity?: boolean;
	/** Send GUILD_MEMBER_ADD again for a user who is already a member, as Discord sometimes does. */
	duplicate?: boolean;
}

const DAY_MS = 86_400_000;
const MESSAGE_HISTORY_LIMIT = 5_000;

/**
 * The emulated Discord: users, applications, guilds, channels, roles, members, invites and
 * messages with Discord's rules. Every mutation that Discord would announce is dispatched to the
 * gateway through `onDispatch` listeners. REST routes and control calls both go through here.
 */
export class World {
	readonly ids = new SnowflakeGenerator(1);
	readonly users = new Map<string, EmUser>();
	readonly applications = new Map<string, EmApplication>();
	readonly appsByToken = new Map<string, EmApplication>();
	readonly guilds = new Map<string, EmGuild>();
	readonly channels = new Map<string, EmChannel>();
	readonly invites = new Map<string, EmInvite>();
	/** `${botUserId}:${userId}` → DM channel id. */
	readonly dmChannels = new Map<string, string>();
	readonly #listeners = new Set<DispatchListener>();
	#clockOffset = 0;
	#userCounter = 0;

	now(): number {
		return Date.now() + this.#clockOffset;
	}

	advanceClock(ms: number): void {
		this.#clockOffset += ms;
	}

	onDispatch(listener: DispatchListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	dispatch(event: Dispatch): void {
		for (const listener of this.#listeners) listener(event);
	}

	newId(): string {
		return this.ids.next(this.now());
	}

	// ---- lookups -------------------------------------------------------------------------------

	user(id: string): EmUser {
		const u = this.users.get(id);
		if (!u) throw Errors.unknownUser();
		return u;
	}

	guild(id: string): EmGuild {
		const g = this.guilds.get(id);
		if (!g) throw Errors.unknownGuild();
		return g;
	}

	channel(id: string): EmChannel {
		const c = this.channels.get(id);
		if (!c) throw Errors.unknownChannel();
		return c;
	}

	member(guildId: string, userId: string): EmMember {
		const m = this.guild(guildId).members.get(userId);
		if (!m) throw Errors.unknownMember();
		return m;
	}

	role(guildId: string, roleId: string): EmRole {
		const r = this.guild(guildId).roles.get(roleId);
		if (!r) throw Errors.unknownRole();
		return r;
	}

	message(channelId: string, messageId: string): EmMessage {
		const m = this.channel(channelId).messages.get(messageId);
		if (!m) throw Errors.unknownMessage();
		return m;
	}

	/** An invite, unless it expired (expired invites vanish, as on Discord). */
	invite(code: string): EmInvite {
		const inv = this.invites.get(code);
		if (!inv) throw Errors.unknownInvite();
		if (inv.maxAge > 0 && inv.createdAt + inv.maxAge * 1000 <= this.now()) {
			this.#forgetInvite(inv);
			throw Errors.unknownInvite();
		}
		return inv;
	}

	guildInvites(guildId: string): EmInvite[] {
		const out: EmInvite[] = [];
		for (const code of [...this.guild(guildId).invites]) {
			try {
				out.push(this.invite(code));
			} catch {
				// expired: already forgotten
			}
		}
		return out;
	}

	// ---- users and applications ----------------------------------------------------------------

	createUser(opts: CreateUserOptions = {}): EmUser {
		const age = opts.accountAgeMs ?? 365 * DAY_MS;
		const id = this.ids.next(this.now() - age);
		const n = ++this.#userCounter;
		const user: EmUser = {
			id,
			username: opts.username ?? `user${n}`,
			globalName: opts.globalName ?? null,
			avatar: opts.avatar ?? null,
			bot: opts.bot ?? false,
			dmsOpen: opts.dmsOpen ?? true,
		};
		this.users.set(id, user);
		return user;
	}

	createApplication(
		opts: { name?: string; token?: string; ownerId?: string; privilegedIntents?: number; permissions?: bigint } = {},
	): EmApplication {
		const name = opts.name ?? 'Foyer';
		const bot = this.createUser({ username: name, bot: true, accountAgeMs: 400 * DAY_MS });
		const owner = opts.ownerId ? this.user(opts.ownerId) : this.createUser({ username: `${name.toLowerCase()}-owner` });
		const token =
			opts.token ?? `${Buffer.from(bot.id).toString('base64url')}.emulator.${randomBytes(18).toString('base64url')}`;
		if (this.appsByToken.has(token)) throw new ApiError(409, 0, 'An application with that token exists');
		const app: EmApplication = {
			id: bot.id,
			name,
			botUserId: bot.id,
			token,
			clientSecret: randomBytes(16).toString('hex'),
			ownerId: owner.id,
			privilegedIntents: opts.privilegedIntents ?? I.GuildMembers | I.GuildPresences | I.MessageContent,
			defaultPermissions:
				opts.permissions ??
				P.ViewChannel |
					P.SendMessages |
					P.EmbedLinks |
					P.AttachFiles |
					P.ReadMessageHistory |
					P.AddReactions |
					P.ManageMessages |
					P.ManageRoles |
					P.ManageGuild |
					P.ManageChannels |
					P.KickMembers |
					P.BanMembers |
					P.CreateInstantInvite |
					P.ViewAuditLog |
					P.UseApplicationCommands,
			globalCommands: new Map(),
			guildCommands: new Map(),
		};
		this.applications.set(app.id, app);
		this.appsByToken.set(token, app);
		return app;
	}

	appForBotUser(userId: string): EmApplication | undefined {
		return this.applications.get(userId);
	}

	// ---- guilds --------------------------------------------------------------------------------

	createGuild(opts: CreateGuildOptions = {}): EmGuild {
		const id = this.newId();
		const owner = opts.ownerId ? this.user(opts.ownerId) : this.createUser({ username: 'server-owner' });
		const guild: EmGuild = {
			id,
			name: opts.name ?? 'Emulated Server',
			icon: null,
			ownerId: owner.id,
			vanityCode: opts.vanityCode ?? null,
			vanityUses: 0,
			systemChannelId: null,
			roles: new Map(),
			channels: new Set(),
			members: new Map(),
			invites: new Set(),
			bans: new Map(),
			auditLog: [],
			createdAt: this.now(),
		};
		if (guild.vanityCode && this.#vanityTaken(guild.vanityCode))
			throw new ApiError(400, 50020, 'Invite code invalid or taken');
		this.guilds.set(id, guild);
		guild.roles.set(id, this.#newRole(guild, { name: '@everyone', permissions: DEFAULT_EVERYONE_PERMISSIONS }, 0));
		let position = 1;
		for (const r of opts.roles ?? []) {
			const role = this.#newRole(guild, r, position++);
			guild.roles.set(role.id, role);
		}
		const category = this.#newChannel(guild, { name: 'Text Channels', type: ChannelType.GuildCategory });
		for (const name of opts.channels ?? ['general'])
			this.#newChannel(guild, { name, type: ChannelType.GuildText, parentId: category.id });
		guild.systemChannelId =
			[...guild.channels].find((c) => this.channels.get(c)?.type === ChannelType.GuildText) ?? null;

		this.#addMemberRecord(guild, owner.id, { type: 'owner' });
		for (let i = 0; i < (opts.memberCount ?? 0); i++) {
			const user = this.createUser({
				username: `member${String(i + 1).padStart(4, '0')}`,
				accountAgeMs: (30 + (i % 700)) * DAY_MS,
			});
			this.#addMemberRecord(
				guild,
				user.id,
				{ type: 'none' },
				guild.createdAt - (opts.memberCount ?? 0) * 1000 + i * 1000,
			);
		}
		for (const appId of opts.appIds ?? [...this.applications.keys()]) this.addBot(guild.id, appId, false);
		return guild;
	}

	/** Adds an application's bot to a guild with its managed role, as the OAuth2 bot flow does. */
	addBot(guildId: string, appId: string, announce = true): void {
		const guild = this.guild(guildId);
		const app = this.applications.get(appId);
		if (!app) throw Errors.unknownApplication();
		if (guild.members.has(app.botUserId)) return;
		// The managed role sits just above every ordinary role, as Discord places a freshly added bot's role.
		const position = Math.max(0, ...[...guild.roles.values()].map((r) => r.position)) + 1;
		const role = this.#newRole(guild, { name: app.name, permissions: app.defaultPermissions }, position);
		role.managed = true;
		role.botId = app.botUserId;
		guild.roles.set(role.id, role);
		const member = this.#addMemberRecord(guild, app.botUserId, { type: 'bot' });
		member.roles.push(role.id);
		if (announce) {
			this.dispatch({
				t: E.GuildRoleCreate,
				d: { guild_id: guild.id, role: rolePayload(role) },
				intent: I.Guilds,
				guildId,
				appId: null,
			});
			this.dispatch({ t: E.GuildCreate, d: null, intent: I.Guilds, guildId, appId: app.id });
		}
	}

	guildCreateFor(guildId: string, appId: string, includeMembers: boolean, largeThreshold: number) {
		const app = this.applications.get(appId);
		if (!app) throw Errors.unknownApplication();
		return guildCreatePayload(this.guild(guildId), this, { includeMembers, largeThreshold, botUserId: app.botUserId });
	}

	guildsOfBot(botUserId: string): EmGuild[] {
		return [...this.guilds.values()].filter((g) => g.members.has(botUserId));
	}

	#vanityTaken(code: string): boolean {
		for (const g of this.guilds.values()) if (g.vanityCode === code) return true;
		return this.invites.has(code);
	}

	#newRole(
		guild: EmGuild,
		r: { name: string; permissions?: bigint; color?: number; mentionable?: boolean; hoist?: boolean },
		position: number,
	): EmRole {
		return {
			id: guild.roles.size === 0 ? guild.id : this.newId(),
			guildId: guild.id,
			name: r.name,
			color: r.color ?? 0,
			hoist: r.hoist ?? false,
			position,
			permissions: r.permissions ?? 0n,
			managed: false,
			mentionable: r.mentionable ?? false,
		};
	}

	#newChannel(
		guild: EmGuild,
		c: {
			name: string;
			type: ChannelType;
			parentId?: string | null;
			topic?: string | null;
			overwrites?: EmChannel['overwrites'];
		},
	): EmChannel {
		const channel: EmChannel = {
			id: this.newId(),
			type: c.type,
			guildId: guild.id,
			name: c.name,
			position: guild.channels.size,
			parentId: c.parentId ?? null,
			topic: c.topic ?? null,
			overwrites: c.overwrites ?? [],
			recipients: [],
			messages: new Map(),
			lastMessageId: null,
		};
		this.channels.set(channel.id, channel);
		guild.channels.add(channel.id);
		return channel;
	}

	#addMemberRecord(guild: EmGuild, userId: string, via: EmMember['joinedVia'], joinedAt = this.now()): EmMember {
		const member: EmMember = { userId, guildId: guild.id, roles: [], nick: null, joinedAt, joinedVia: via };
		guild.members.set(userId, member);
		return member;
	}

	audit(guild: EmGuild, entry: Omit<EmAuditEntry, 'id'>): void {
		guild.auditLog.push({ id: this.newId(), ...entry });
		if (guild.auditLog.length > 10_000) guild.auditLog.splice(0, guild.auditLog.length - 10_000);
	}

	// ---- channels and roles ----------------------------------------------------------------------

	createChannel(
		guildId: string,
		c: {
			name: string;
			type?: ChannelType;
			parentId?: string | null;
			topic?: string | null;
			overwrites?: EmChannel['overwrites'];
		},
		actorId: string | null,
		reason: string | null = null,
	): EmChannel {
		const guild = this.guild(guildId);
		if (c.parentId && this.channels.get(c.parentId)?.guildId !== guildId) throw Errors.unknownChannel();
		const channel = this.#newChannel(guild, { ...c, type: c.type ?? ChannelType.GuildText });
		this.audit(guild, {
			actionType: AuditLogEvent.ChannelCreate,
			userId: actorId,
			targetId: channel.id,
			reason,
			changes: [{ key: 'name', new_value: channel.name }],
		});
		this.dispatch({ t: E.ChannelCreate, d: channelPayload(channel, this), intent: I.Guilds, guildId, appId: null });
		return channel;
	}

	deleteChannel(channelId: string, actorId: string | null, reason: string | null = null): EmChannel {
		const channel = this.channel(channelId);
		if (!channel.guildId) throw Errors.unknownChannel();
		const guild = this.guild(channel.guildId);
		this.channels.delete(channelId);
		guild.channels.delete(channelId);
		for (const code of [...guild.invites]) {
			const inv = this.invites.get(code);
			if (inv?.channelId === channelId) this.#forgetInvite(inv);
		}
		this.audit(guild, {
			actionType: AuditLogEvent.ChannelDelete,
			userId: actorId,
			targetId: channelId,
			reason,
			changes: [{ key: 'name', old_value: channel.name }],
		});
		this.dispatch({
			t: E.ChannelDelete,
			d: channelPayload(channel, this),
			intent: I.Guilds,
			guildId: guild.id,
			appId: null,
		});
		return channel;
	}

	createRole(
		guildId: string,
		r: { name?: string; permissions?: bigint; color?: number; mentionable?: boolean; hoist?: boolean },
		actorId: string | null,
		reason: string | null = null,
	): EmRole {
		const guild = this.guild(guildId);
		// New roles are created at position 1, pushing the others up; clients hear about each move.
		const moved: EmRole[] = [];
		for (const other of guild.roles.values())
			if (other.position >= 1) {
				other.position++;
				moved.push(other);
			}
		const role = this.#newRole(guild, { ...r, name: r.name ?? 'new role' }, 1);
		guild.roles.set(role.id, role);
		this.audit(guild, {
			actionType: AuditLogEvent.RoleCreate,
			userId: actorId,
			targetId: role.id,
			reason,
			changes: [{ key: 'name', new_value: role.name }],
		});
		this.dispatch({
			t: E.GuildRoleCreate,
			d: { guild_id: guildId, role: rolePayload(role) },
			intent: I.Guilds,
			guildId,
			appId: null,
		});
		for (const other of moved)
			this.dispatch({
				t: E.GuildRoleUpdate,
				d: { guild_id: guildId, role: rolePayload(other) },
				intent: I.Guilds,
				guildId,
				appId: null,
			});
		return role;
	}

	updateRole(
		guildId: string,
		roleId: string,
		patch: Partial<Pick<EmRole, 'name' | 'permissions' | 'color' | 'mentionable' | 'hoist' | 'position'>>,
		actorId: string | null,
		reason: string | null = null,
	): EmRole {
		const guild = this.guild(guildId);
		const role = this.role(guildId, roleId);
		const changes: EmAuditEntry['changes'] = [];
		for (const [key, value] of Object.entries(patch) as [keyof typeof patch, never][]) {
			if (value === undefined || role[key] === value) continue;
			changes.push({ key, old_value: String(role[key]), new_value: String(value) });
			(role as unknown as Record<string, unknown>)[key] = value;
		}
		this.audit(guild, { actionType: AuditLogEvent.RoleUpdate, userId: actorId, targetId: role.id, reason, changes });
		this.dispatch({
			t: E.GuildRoleUpdate,
			d: { guild_id: guildId, role: rolePayload(role) },
			intent: I.Guilds,
			guildId,
			appId: null,
		});
		return role;
	}

	deleteRole(guildId: string, roleId: string, actorId: string | null, reason: string | null = null): void {
		const guild = this.guild(guildId);
		const role = this.role(guildId, roleId);
		if (role.id === guild.id) throw new ApiError(400, 50028, 'Invalid Role');
		guild.roles.delete(roleId);
		for (const m of guild.members.values()) {
			const i = m.roles.indexOf(roleId);
			if (i >= 0) m.roles.splice(i, 1);
		}
		this.audit(guild, {
			actionType: AuditLogEvent.RoleDelete,
			userId: actorId,
			targetId: roleId,
			reason,
			changes: [{ key: 'name', old_value: role.name }],
		});
		this.dispatch({
			t: E.GuildRoleDelete,
			d: { guild_id: guildId, role_id: roleId },
			intent: I.Guilds,
			guildId,
			appId: null,
		});
	}

	// ---- members -------------------------------------------------------------------------------

	/**
	 * A user joins a guild. Through an invite: the invite must be live, may be restricted to listed
	 * users, counts a use, grants its roles, and is deleted (INVITE_DELETE) when it reaches max_uses.
	 * Through the vanity URL: the vanity use count goes up.
	 */
	join(guildId: string, userId: string, opts: JoinOptions = {}): EmMember {
		const guild = this.guild(guildId);
		const user = this.user(userId);
		if (guild.bans.has(userId)) throw new ApiError(403, 40007, 'The user is banned from this guild.');
		const existing = guild.members.get(userId);
		if (existing) {
			if (!opts.duplicate) throw new ApiError(409, 0, `User ${userId} is already a member of guild ${guildId}`);
			this.dispatch({
				t: E.GuildMemberAdd,
				d: { ...memberPayload(existing, this), guild_id: guildId },
				intent: I.GuildMembers,
				guildId,
				appId: null,
			});
			return existing;
		}
		let via: EmMember['joinedVia'] = { type: 'none' };
		let invite: EmInvite | null = null;
		if (opts.inviteCode !== undefined && opts.vanity)
			throw new ApiError(400, 0, 'Join through an invite code or the vanity URL, not both');
		if (opts.inviteCode !== undefined) {
			invite = this.invite(opts.inviteCode);
			if (invite.guildId !== guildId) throw new ApiError(400, 0, `Invite ${invite.code} belongs to another guild`);
			if (invite.targetUserIds.length > 0 && !invite.targetUserIds.includes(userId))
				throw new ApiError(403, 50001, `Invite ${invite.code} is limited to other users`);
			via = { type: 'invite', code: invite.code };
		} else if (opts.vanity) {
			if (!guild.vanityCode) throw new ApiError(400, 0, `Guild ${guildId} has no vanity URL`);
			via = { type: 'vanity' };
		}
		const member = this.#addMemberRecord(guild, user.id, via);
		if (invite) {
			invite.uses++;
			for (const roleId of invite.roleIds) if (guild.roles.has(roleId)) member.roles.push(roleId);
		} else if (opts.vanity) guild.vanityUses++;

		this.dispatch({
			t: E.GuildMemberAdd,
			d: { ...memberPayload(member, this), guild_id: guildId },
			intent: I.GuildMembers,
			guildId,
			appId: null,
		});
		if (invite && invite.maxUses > 0 && invite.uses >= invite.maxUses) this.deleteInvite(invite.code, null);
		return member;
	}

	/** The member leaves (or is kicked/banned: the caller records the audit entry). */
	removeMember(guildId: string, userId: string): EmMember {
		const guild = this.guild(guildId);
		const member = this.member(guildId, userId);
		if (userId === guild.ownerId) throw new ApiError(400, 0, 'The guild owner cannot leave their guild');
		guild.members.delete(userId);
		this.dispatch({
			t: E.GuildMemberRemove,
			d: { guild_id: guildId, user: userPayload(this.user(userId)) },
			intent: I.GuildMembers,
			guildId,
			appId: null,
		});
		return member;
	}

	kick(guildId: string, userId: string, actorId: string | null, reason: string | null): void {
		const guild = this.guild(guildId);
		this.removeMember(guildId, userId);
		this.audit(guild, { actionType: AuditLogEvent.MemberKick, userId: actorId, targetId: userId, reason, changes: [] });
	}

	ban(guildId: string, userId: string, actorId: string | null, reason: string | null): void {
		const guild = this.guild(guildId);
		this.user(userId);
		guild.bans.set(userId, reason);
		if (guild.members.has(userId)) this.removeMember(guildId, userId);
		this.audit(guild, {
			actionType: AuditLogEvent.MemberBanAdd,
			userId: actorId,
			targetId: userId,
			reason,
			changes: [],
		});
		this.dispatch({
			t: E.GuildBanAdd,
			d: { guild_id: guildId, user: userPayload(this.user(userId)) },
			intent: I.GuildModeration,
			guildId,
			appId: null,
		});
	}

	unban(guildId: string, userId: string, actorId: string | null, reason: string | null): void {
		const guild = this.guild(guildId);
		if (!guild.bans.delete(userId)) throw Errors.unknownBan();
		this.audit(guild, {
			actionType: AuditLogEvent.MemberBanRemove,
			userId: actorId,
			targetId: userId,
			reason,
			changes: [],
		});
		this.dispatch({
			t: E.GuildBanRemove,
			d: { guild_id: guildId, user: userPayload(this.user(userId)) },
			intent: I.GuildModeration,
			guildId,
			appId: null,
		});
	}

	/** Replaces a member's roles and nickname; dispatches GUILD_MEMBER_UPDATE when anything changed. */
	updateMember(
		guildId: string,
		userId: string,
		patch: { roles?: string[]; nick?: string | null },
		actorId: string | null,
		reason: string | null = null,
	): EmMember {
		const guild = this.guild(guildId);
		const member = this.member(guildId, userId);
		let changed = false;
		if (patch.roles) {
			const next = [...new Set(patch.roles)];
			for (const id of next) if (!guild.roles.has(id) || id === guild.id) throw Errors.unknownRole();
			const added = next.filter((id) => !member.roles.includes(id));
			const removed = member.roles.filter((id) => !next.includes(id));
			if (added.length || removed.length) {
				member.roles = next;
				changed = true;
				const changes: EmAuditEntry['changes'] = [];
				if (added.length)
					changes.push({ key: '$add', new_value: added.map((id) => ({ id, name: guild.roles.get(id)?.name })) });
				if (removed.length)
					changes.push({ key: '$remove', new_value: removed.map((id) => ({ id, name: guild.roles.get(id)?.name })) });
				this.audit(guild, {
					actionType: AuditLogEvent.MemberRoleUpdate,
					userId: actorId,
					targetId: userId,
					reason,
					changes,
				});
			}
		}
		if (patch.nick !== undefined && patch.nick !== member.nick) {
			this.audit(guild, {
				actionType: AuditLogEvent.MemberUpdate,
				userId: actorId,
				targetId: userId,
				reason,
				changes: [{ key: 'nick', old_value: member.nick, new_value: patch.nick }],
			});
			member.nick = patch.nick;
			changed = true;
		}
		if (changed)
			this.dispatch({
				t: E.GuildMemberUpdate,
				d: { ...memberPayload(member, this), guild_id: guildId },
				intent: I.GuildMembers,
				guildId,
				appId: null,
			});
		return member;
	}

	// ---- invites -------------------------------------------------------------------------------

	createInvite(
		channelId: string,
		opts: {
			inviterId: string | null;
			maxUses?: number;
			maxAge?: number;
			temporary?: boolean;
			code?: string;
			roleIds?: string[];
			targetUserIds?: string[];
		},
		reason: string | null = null,
	): EmInvite {
		const channel = this.channel(channelId);
		if (!channel.guildId) throw Errors.unknownChannel();
		const guild = this.guild(channel.guildId);
		const code = opts.code ?? this.#inviteCode();
		if (this.invites.has(code) || this.#vanityTaken(code))
			throw new ApiError(400, 50020, 'Invite code invalid or taken');
		for (const roleId of opts.roleIds ?? []) this.role(guild.id, roleId);
		const invite: EmInvite = {
			code,
			guildId: guild.id,
			channelId,
			inviterId: opts.inviterId,
			uses: 0,
			maxUses: opts.maxUses ?? 0,
			maxAge: opts.maxAge ?? 86_400,
			temporary: opts.temporary ?? false,
			createdAt: this.now(),
			roleIds: opts.roleIds ?? [],
			targetUserIds: opts.targetUserIds ?? [],
		};
		this.invites.set(code, invite);
		guild.invites.add(code);
		this.audit(guild, {
			actionType: AuditLogEvent.InviteCreate,
			userId: opts.inviterId,
			targetId: null,
			reason,
			changes: [
				{ key: 'code', new_value: code },
				{ key: 'channel_id', new_value: channelId },
				{ key: 'inviter_id', new_value: opts.inviterId },
				{ key: 'uses', new_value: 0 },
				{ key: 'max_uses', new_value: invite.maxUses },
				{ key: 'max_age', new_value: invite.maxAge },
				{ key: 'temporary', new_value: invite.temporary },
			],
		});
		this.dispatch({
			t: E.InviteCreate,
			d: inviteCreateEvent(invite, this),
			intent: I.GuildInvites,
			guildId: guild.id,
			appId: null,
		});
		return invite;
	}

	deleteInvite(code: string, actorId: string | null, reason: string | null = null): EmInvite {
		const invite = this.invite(code);
		const guild = this.guild(invite.guildId);
		this.#forgetInvite(invite);
		this.audit(guild, {
			actionType: AuditLogEvent.InviteDelete,
			userId: actorId,
			targetId: null,
			reason,
			changes: [
				{ key: 'code', old_value: code },
				{ key: 'uses', old_value: invite.uses },
			],
		});
		this.dispatch({
			t: E.InviteDelete,
			d: { channel_id: invite.channelId, guild_id: invite.guildId, code },
			intent: I.GuildInvites,
			guildId: guild.id,
			appId: null,
		});
		return invite;
	}

	#forgetInvite(invite: EmInvite): void {
		this.invites.delete(invite.code);
		this.guilds.get(invite.guildId)?.invites.delete(invite.code);
	}

	#inviteCode(): string {
		for (;;) {
			const code = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 8);
			if (!this.invites.has(code)) return code;
		}
	}

	// ---- DMs and messages ------------------------------------------------------------------------

	openDm(botUserId: string, recipientId: string): EmChannel {
		this.user(recipientId);
		const key = `${botUserId}:${recipientId}`;
		const existing = this.dmChannels.get(key);
		if (existing) return this.channel(existing);
		const channel: EmChannel = {
			id: this.newId(),
			type: ChannelType.DM,
			guildId: null,
			name: '',
			position: 0,
			parentId: null,
			topic: null,
			overwrites: [],
			recipients: [recipientId, botUserId],
			messages: new Map(),
			lastMessageId: null,
		};
		this.channels.set(channel.id, channel);
		this.dmChannels.set(key, channel.id);
		return channel;
	}

	/** Stores a message and dispatches MESSAGE_CREATE (unless ephemeral). */
	storeMessage(message: EmMessage): EmMessage {
		const channel = this.channel(message.channelId);
		channel.messages.set(message.id, message);
		channel.lastMessageId = message.id;
		if (channel.messages.size > MESSAGE_HISTORY_LIMIT) {
			const oldest = channel.messages.keys().next().value;
			if (oldest) channel.messages.delete(oldest);
		}
		if (!(message.flags & 64)) this.dispatchMessage(E.MessageCreate, message);
		return message;
	}

	dispatchMessage(t: E.MessageCreate | E.MessageUpdate, message: EmMessage): void {
		const channel = this.channel(message.channelId);
		const dm = channel.guildId === null;
		// A DM event goes to the bot on the other side; a guild event to every bot in the guild.
		const appId = dm ? (channel.recipients.find((id) => this.applications.has(id)) ?? null) : null;
		if (dm && !appId) return;
		this.dispatch({
			t,
			d: null,
			intent: dm ? I.DirectMessages : I.GuildMessages,
			guildId: channel.guildId,
			appId,
			message,
		});
	}

	newMessage(partial: Partial<EmMessage> & Pick<EmMessage, 'channelId' | 'authorId'>): EmMessage {
		const channel = this.channel(partial.channelId);
		return {
			id: this.newId(),
			guildId: channel.guildId,
			type: 0,
			content: '',
			embeds: [],
			components: [],
			flags: 0,
			pings: { users: [], roles: [], everyone: false },
			mentionedUsers: [],
			mentionedRoles: [],
			allowedMentions: null,
			reactions: new Map(),
			createdAt: this.now(),
			editedAt: null,
			webhookId: null,
			applicationId: null,
			interaction: null,
			reference: null,
			...partial,
		};
	}

	deleteMessage(channelId: string, messageId: string): void {
		const channel = this.channel(channelId);
		const message = this.message(channelId, messageId);
		channel.messages.delete(messageId);
		const dm = channel.guildId === null;
		const appId = dm ? (channel.recipients.find((id) => this.applications.has(id)) ?? null) : null;
		if (dm && !appId) return;
		if (message.flags & 64) return;
		this.dispatch({
			t: E.MessageDelete,
			d: { id: messageId, channel_id: channelId, ...(channel.guildId ? { guild_id: channel.guildId } : {}) },
			intent: dm ? I.DirectMessages : I.GuildMessages,
			guildId: channel.guildId,
			appId,
		});
	}

	addReaction(
		channelId: string,
		messageId: string,
		userId: string,
		emoji: { id: string | null; name: string; animated?: boolean },
	): boolean {
		const channel = this.channel(channelId);
		const message = this.message(channelId, messageId);
		const key = emoji.id ?? emoji.name;
		let entry = message.reactions.get(key);
		if (!entry) {
			entry = { emoji, users: new Set() };
			message.reactions.set(key, entry);
		}
		if (entry.users.has(userId)) return false;
		entry.users.add(userId);
		const member = channel.guildId ? this.guilds.get(channel.guildId)?.members.get(userId) : undefined;
		this.#dispatchReaction(E.MessageReactionAdd, channel, {
			user_id: userId,
			channel_id: channelId,
			message_id: messageId,
			...(channel.guildId ? { guild_id: channel.guildId } : {}),
			...(member ? { member: memberPayload(member, this) } : {}),
			emoji,
			message_author_id: message.authorId,
			burst: false,
			burst_colors: [],
			type: 0,
		});
		return true;
	}

	removeReaction(channelId: string, messageId: string, userId: string, emojiKey: string): boolean {
		const channel = this.channel(channelId);
		const message = this.message(channelId, messageId);
		const entry = message.reactions.get(emojiKey);
		if (!entry?.users.delete(userId)) return false;
		if (entry.users.size === 0) message.reactions.delete(emojiKey);
		this.#dispatchReaction(E.MessageReactionRemove, channel, {
			user_id: userId,
			channel_id: channelId,
			message_id: messageId,
			...(channel.guildId ? { guild_id: channel.guildId } : {}),
			emoji: entry.emoji,
			burst: false,
			type: 0,
		});
		return true;
	}

	#dispatchReaction(t: E, channel: EmChannel, d: unknown): void {
		const dm = channel.guildId === null;
		const appId = dm ? (channel.recipients.find((id) => this.applications.has(id)) ?? null) : null;
		if (dm && !appId) return;
		this.dispatch({
			t,
			d,
			intent: dm ? I.DirectMessageReactions : I.GuildMessageReactions,
			guildId: channel.guildId,
			appId,
		});
	}

	permissionsOf(guildId: string, userId: string): bigint {
		return basePermissions(this.guild(guildId), userId);
	}
}
