import type { GatewayDispatchEvents as E, GatewayDispatchPayload } from 'discord-api-types/v10';
import { Errors } from '../errors.ts';
import { SnowflakeGenerator } from '../snowflake.ts';
import { audit } from './audit-log.ts';
import { ban, unban } from './bans.ts';
import { type ChannelFields, createChannel, deleteChannel } from './channels.ts';
import { addBot, type CreateGuildOptions, createGuild, guildsOfBot } from './guilds.ts';
import { createInvite, deleteInvite, guildInvites, type InviteFields, liveInvite } from './invites.ts';
import { type JoinOptions, join, kick, type MemberPatch, removeMember, updateMember } from './members.ts';
import { deleteMessage, dispatchMessage, newMessage, openDm, storeMessage } from './messages.ts';
import { basePermissions } from './permissions.ts';
import { DEFAULT_QUIRKS, type Quirks, seededRandom } from './quirks.ts';
import { addReaction, type ReactionEmoji, removeReaction } from './reactions.ts';
import { createRole, deleteRole, type RoleFields, type RolePatch, updateRole } from './roles.ts';
import { guildCreatePayload } from './serialize.ts';
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
import { type CreateApplicationOptions, type CreateUserOptions, createApplication, createUser } from './users.ts';

export type { CreateGuildOptions } from './guilds.ts';
export type { JoinOptions } from './members.ts';
export type { CreateUserOptions } from './users.ts';

/** Events whose payload the gateway builds per session (GUILD_CREATE) or per reader (messages). */
type BuiltLater = E.GuildCreate | E.MessageCreate | E.MessageUpdate;

/** The data discord-api-types declares for a dispatch: every payload the world sends is checked against it. */
export type DispatchData<T extends E> = Extract<GatewayDispatchPayload, { t: T }>['d'];

interface DispatchOf<T extends E> {
	t: T;
	d: T extends BuiltLater ? null : DispatchData<T>;
	/** The intent a session needs to receive it; null for events every session gets. */
	intent: number | null;
	guildId: string | null;
	/** Only this application's sessions (interactions, DMs). */
	appId: string | null;
	/** Set for MESSAGE_CREATE/UPDATE: lets the gateway strip content for bots without Message Content. */
	message?: EmMessage;
	/**
	 * Only bots holding one of these permissions receive it: in `channelId` when given, else
	 * guild-wide (invite events need Manage Channels on the channel, audit entries View Audit Log).
	 */
	permissions?: { anyOf: bigint[]; channelId?: string };
}

/** One gateway event, addressed by guild (every bot in it) or by application. */
export type Dispatch = { [T in E]: DispatchOf<T> }[E];

/** The event part of a dispatch (name and data), before its audience is decided. */
export type DispatchEvent = { [T in E]: Pick<DispatchOf<T>, 't' | 'd'> }[E];

export type DispatchListener = (event: Dispatch) => void;

/**
 * The emulated Discord's state: users, applications, guilds, channels, invites and DMs, a clock,
 * and the dispatch bus the gateway listens on. The rules live in one module per aggregate
 * (users, guilds, roles, channels, members, bans, invites, messages, reactions, audit log); the
 * methods here are the entry points REST routes, control calls and tests use.
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
	#quirks: Quirks = { ...DEFAULT_QUIRKS };
	#random = seededRandom(DEFAULT_QUIRKS.seed);

	get quirks(): Readonly<Quirks> {
		return this.#quirks;
	}

	/** Switches occasional Discord behaviours on or off; the random sequence restarts from `seed`. */
	setQuirks(quirks: Quirks): void {
		this.#quirks = { ...quirks };
		this.#random = seededRandom(quirks.seed);
	}

	/** A draw in [0, 1) from the quirks' seeded sequence. */
	draw(): number {
		return this.#random();
	}

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

	/** Numbers default usernames (`user1`, `user2`…). */
	nextUserNumber(): number {
		return ++this.#userCounter;
	}

	/** Forgets every user, application, guild, channel, invite and DM and switches quirks off (the clock is kept). */
	clear(): void {
		this.setQuirks(DEFAULT_QUIRKS);
		for (const map of [
			this.users,
			this.applications,
			this.appsByToken,
			this.guilds,
			this.channels,
			this.invites,
			this.dmChannels,
		])
			map.clear();
	}

	// ---- lookups: Discord's 404 for what does not exist -------------------------------------------

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
		return liveInvite(this, code);
	}

	guildInvites(guildId: string): EmInvite[] {
		return guildInvites(this, guildId);
	}

	appForBotUser(userId: string): EmApplication | undefined {
		return this.applications.get(userId);
	}

	guildsOfBot(botUserId: string): EmGuild[] {
		return guildsOfBot(this, botUserId);
	}

	permissionsOf(guildId: string, userId: string): bigint {
		return basePermissions(this.guild(guildId), userId);
	}

	guildCreateFor(guildId: string, appId: string, includeMembers: boolean, largeThreshold: number) {
		const app = this.applications.get(appId);
		if (!app) throw Errors.unknownApplication();
		return guildCreatePayload(this.guild(guildId), this, { includeMembers, largeThreshold, botUserId: app.botUserId });
	}

	// ---- mutations (see the aggregate modules) -----------------------------------------------------

	createUser(opts: CreateUserOptions = {}): EmUser {
		return createUser(this, opts);
	}

	createApplication(opts: CreateApplicationOptions = {}): EmApplication {
		return createApplication(this, opts);
	}

	createGuild(opts: CreateGuildOptions = {}): EmGuild {
		return createGuild(this, opts);
	}

	addBot(guildId: string, appId: string, announce = true): void {
		addBot(this, guildId, appId, announce);
	}

	audit(guild: EmGuild, entry: Omit<EmAuditEntry, 'id'>): void {
		audit(this, guild, entry);
	}

	createChannel(guildId: string, c: ChannelFields, actorId: string | null, reason: string | null = null): EmChannel {
		return createChannel(this, guildId, c, actorId, reason);
	}

	deleteChannel(channelId: string, actorId: string | null, reason: string | null = null): EmChannel {
		return deleteChannel(this, channelId, actorId, reason);
	}

	createRole(guildId: string, r: Partial<RoleFields>, actorId: string | null, reason: string | null = null): EmRole {
		return createRole(this, guildId, r, actorId, reason);
	}

	updateRole(guildId: string, roleId: string, patch: RolePatch, actorId: string | null, reason: string | null = null) {
		return updateRole(this, guildId, roleId, patch, actorId, reason);
	}

	deleteRole(guildId: string, roleId: string, actorId: string | null, reason: string | null = null): void {
		deleteRole(this, guildId, roleId, actorId, reason);
	}

	join(guildId: string, userId: string, opts: JoinOptions = {}): EmMember {
		return join(this, guildId, userId, opts);
	}

	removeMember(guildId: string, userId: string): EmMember {
		return removeMember(this, guildId, userId);
	}

	kick(guildId: string, userId: string, actorId: string | null, reason: string | null): void {
		kick(this, guildId, userId, actorId, reason);
	}

	ban(guildId: string, userId: string, actorId: string | null, reason: string | null): void {
		ban(this, guildId, userId, actorId, reason);
	}

	unban(guildId: string, userId: string, actorId: string | null, reason: string | null): void {
		unban(this, guildId, userId, actorId, reason);
	}

	updateMember(
		guildId: string,
		userId: string,
		patch: MemberPatch,
		actorId: string | null,
		reason: string | null = null,
	): EmMember {
		return updateMember(this, guildId, userId, patch, actorId, reason);
	}

	createInvite(channelId: string, opts: InviteFields, reason: string | null = null): EmInvite {
		return createInvite(this, channelId, opts, reason);
	}

	deleteInvite(code: string, actorId: string | null, reason: string | null = null): EmInvite {
		return deleteInvite(this, code, actorId, reason);
	}

	openDm(botUserId: string, recipientId: string): EmChannel {
		return openDm(this, botUserId, recipientId);
	}

	newMessage(partial: Partial<EmMessage> & Pick<EmMessage, 'channelId' | 'authorId'>): EmMessage {
		return newMessage(this, partial);
	}

	storeMessage(message: EmMessage): EmMessage {
		return storeMessage(this, message);
	}

	dispatchMessage(t: E.MessageCreate | E.MessageUpdate, message: EmMessage): void {
		dispatchMessage(this, t, message);
	}

	deleteMessage(channelId: string, messageId: string): void {
		deleteMessage(this, channelId, messageId);
	}

	addReaction(channelId: string, messageId: string, userId: string, emoji: ReactionEmoji): boolean {
		return addReaction(this, channelId, messageId, userId, emoji);
	}

	removeReaction(channelId: string, messageId: string, userId: string, emojiKey: string): boolean {
		return removeReaction(this, channelId, messageId, userId, emojiKey);
	}
}
