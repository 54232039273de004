import type {
	APIActionRowComponent,
	APIApplicationCommand,
	APIEmbed,
	APIMessageTopLevelComponent,
	ChannelType,
	MessageType,
} from 'discord-api-types/v10';

export interface EmUser {
	id: string;
	username: string;
	globalName: string | null;
	avatar: string | null;
	bot: boolean;
	/** When false, the bot gets 50007 when it tries to DM this user. */
	dmsOpen: boolean;
}

export interface EmApplication {
	id: string;
	name: string;
	botUserId: string;
	token: string;
	clientSecret: string;
	ownerId: string;
	/** Privileged intents this application is allowed to request (bitfield). */
	privilegedIntents: number;
	/** Permissions the bot's managed role gets when it joins a guild. */
	defaultPermissions: bigint;
	globalCommands: Map<string, APIApplicationCommand>;
	guildCommands: Map<string, Map<string, APIApplicationCommand>>;
}

export interface EmRole {
	id: string;
	guildId: string;
	name: string;
	color: number;
	hoist: boolean;
	position: number;
	permissions: bigint;
	managed: boolean;
	mentionable: boolean;
	/** The application whose bot this managed role belongs to. */
	botId?: string;
}

export interface EmOverwrite {
	id: string;
	type: 0 | 1;
	allow: bigint;
	deny: bigint;
}

export interface EmChannel {
	id: string;
	type: ChannelType;
	guildId: string | null;
	name: string;
	position: number;
	parentId: string | null;
	topic: string | null;
	overwrites: EmOverwrite[];
	/** DM channels only: the two users. */
	recipients: string[];
	messages: Map<string, EmMessage>;
	lastMessageId: string | null;
}

export interface EmMember {
	userId: string;
	guildId: string;
	roles: string[];
	nick: string | null;
	joinedAt: number;
	/** Guild member flags (DID_REJOIN 1<<0, COMPLETED_ONBOARDING 1<<1, BYPASSES_VERIFICATION 1<<2…). */
	flags: number;
	/** Has not passed membership screening yet (only in guilds with screening on). */
	pending: boolean;
	/** Joined through a temporary invite and has no role yet: removed when they disconnect. */
	temporary: boolean;
	/** How the member joined, for the control API's guild state. */
	joinedVia: { type: 'invite'; code: string } | { type: 'vanity' } | { type: 'none' } | { type: 'owner' | 'bot' };
}

export interface EmInvite {
	code: string;
	guildId: string;
	channelId: string;
	inviterId: string | null;
	uses: number;
	maxUses: number;
	/** Seconds; 0 = never expires. */
	maxAge: number;
	temporary: boolean;
	createdAt: number;
	roleIds: string[];
	/** When non-empty, only these users may join through the invite. */
	targetUserIds: string[];
	/** The last target-users CSV upload, as Discord reports it on `…/target-users/job-status`. */
	targetUsersJob: TargetUsersJob | null;
}

export interface TargetUsersJob {
	/** 1 processing, 2 completed, 3 failed. */
	status: 1 | 2 | 3;
	totalUsers: number;
	processedUsers: number;
	createdAt: number;
	completedAt: number | null;
	errorMessage: string | null;
}

export interface EmAuditEntry {
	id: string;
	actionType: number;
	userId: string | null;
	targetId: string | null;
	reason: string | null;
	changes: { key: string; old_value?: unknown; new_value?: unknown }[];
	options?: Record<string, string>;
}

export interface EmJoinRecord {
	userId: string;
	at: number;
	via: EmMember['joinedVia'];
	/** The user had been a member before. */
	rejoin: boolean;
}

export interface EmGuild {
	id: string;
	name: string;
	icon: string | null;
	ownerId: string;
	vanityCode: string | null;
	vanityUses: number;
	systemChannelId: string | null;
	roles: Map<string, EmRole>;
	channels: Set<string>;
	members: Map<string, EmMember>;
	invites: Set<string>;
	bans: Map<string, string | null>;
	auditLog: EmAuditEntry[];
	createdAt: number;
	/** Membership screening on: members join with `pending: true` (feature MEMBER_VERIFICATION_GATE_ENABLED). */
	screening: boolean;
	/** The INVITES_DISABLED feature: every invite (and the vanity URL) is paused until it is removed. */
	invitesDisabled: boolean;
	/** Raid tools (`incidents_data`): epoch ms until which invites / DMs are paused, or null. */
	incidents: { invitesDisabledUntil: number | null; dmsDisabledUntil: number | null };
	/** Users who were members once and left, so a rejoin gets DID_REJOIN. */
	formerMembers: Set<string>;
	/** Every join in order with how it came in: the ground truth an invite tracker is scored against. */
	joinLog: EmJoinRecord[];
}

/** Who a message actually pinged once `allowed_mentions` and permissions were applied. */
export interface EmPings {
	users: string[];
	roles: string[];
	everyone: boolean;
}

export interface EmMessage {
	id: string;
	channelId: string;
	guildId: string | null;
	authorId: string;
	type: MessageType;
	content: string;
	embeds: APIEmbed[];
	components: (APIActionRowComponent<never> | APIMessageTopLevelComponent)[];
	flags: number;
	pings: EmPings;
	/** Mentions written in the content, whether or not they pinged (Discord's `mentions` field). */
	mentionedUsers: string[];
	mentionedRoles: string[];
	/** The `allowed_mentions` the sender passed, recorded for tests. */
	allowedMentions: unknown;
	reactions: Map<string, { emoji: { id: string | null; name: string; animated?: boolean }; users: Set<string> }>;
	createdAt: number;
	editedAt: number | null;
	webhookId: string | null;
	applicationId: string | null;
	interaction: { id: string; type: number; userId: string; name?: string } | null;
	reference: { message_id?: string; channel_id?: string; guild_id?: string } | null;
}
