/**
 * Plain data in and out of the attribution engine. Nothing here knows discord.js: an adapter turns
 * gateway events and REST answers into these shapes, so the engine can be fed by a test, a benchmark
 * or the plugin alike. Times are milliseconds since the epoch.
 */

/** One invite as `GET /guilds/{id}/invites` lists it (with Manage Guild, so with its metadata). */
export interface InviteState {
	code: string;
	uses: number;
	/** 0 = unlimited. */
	maxUses: number;
	expiresAt: number | null;
	createdAt: number | null;
	inviterId: string | null;
	/** Roles the invite grants on joining (January 2026 role-granting invites). */
	roleIds?: readonly string[];
	/** When set, only these users can join through it. */
	targetUserIds?: readonly string[];
}

/** `GET /guilds/{id}/vanity-url`: `code` null when the guild has none. */
export interface VanityState {
	code: string | null;
	uses: number;
}

/** A GUILD_MEMBER_ADD. */
export interface MemberJoin {
	userId: string;
	/** The member's `joined_at` (Discord's clock). With the user id it identifies the join. */
	joinedAt: number;
	bot?: boolean;
	/** Roles the member has in the GUILD_MEMBER_ADD itself. */
	roleIds?: readonly string[];
	/** Added by this bot itself (OAuth2 `guilds.join`): it used no invite. */
	addedByThisBot?: boolean;
}

/** An INVITE_CREATE (its `uses` is always 0). */
export interface InviteCreated {
	code: string;
	inviterId: string | null;
	maxUses: number;
	expiresAt: number | null;
	createdAt: number;
	roleIds?: readonly string[];
	targetUserIds?: readonly string[];
}

/** An audit-log INVITE_CREATE (40) or INVITE_DELETE (42) entry. */
export interface AuditInviteEntry {
	/** The entry's snowflake: entries are ordered by it. */
	id: string;
	action: 'create' | 'delete';
	code: string;
	/** Who created or deleted it; null for what Discord did itself. */
	actorId: string | null;
	/** When, from the snowflake (Discord's clock). */
	at: number;
	inviterId?: string | null;
	maxUses?: number;
	maxAgeSeconds?: number;
	/** On a delete: the invite's uses when it was deleted. */
	uses?: number;
}

/** What is credited for a join. */
export type Source = { kind: 'invite'; code: string; inviterId: string | null } | { kind: 'vanity' };

export interface Candidate {
	/** null for the vanity URL (or, with `unseen`, an invite Foyer never saw). */
	code: string | null;
	inviterId: string | null;
	/** An invite that may have been created and used up unseen (no invite events, no audit log). */
	unseen?: true;
}

export type UnknownReason =
	| 'bot'
	| 'added-by-this-bot'
	/** Joined before tracking started for this guild (its use is in the first snapshot). */
	| 'before-tracking'
	/** Foyer could not read the invites (Manage Guild missing) when the member joined. */
	| 'no-permission'
	/** The evidence contradicted itself (a join that used no invite, as from Server Discovery). */
	| 'evidence-conflict';

export type Attribution =
	| {
			status: 'attributed';
			source: 'invite';
			/** The code, or null when several codes of the same inviter remain possible. */
			code: string | null;
			codes: string[];
			inviterId: string | null;
			/** Joined while Foyer was offline (found at start). */
			offline: boolean;
	  }
	| { status: 'attributed'; source: 'vanity'; offline: boolean }
	| { status: 'ambiguous'; candidates: Candidate[]; offline: boolean }
	| { status: 'unknown'; reason: UnknownReason; candidates: Candidate[] }
	/** Not decided yet: its window's snapshot has not been answered. */
	| { status: 'pending' };

/** A decision about one join, as the engine emits it. A join is emitted again only when it became more exact. */
export interface JoinDecision {
	key: string;
	userId: string;
	joinedAt: number;
	attribution: Attribution;
	/** No later evidence can change it. */
	final: boolean;
}

/** The key a join is known by: Discord may send GUILD_MEMBER_ADD again for the same join. */
export const joinKey = (j: { userId: string; joinedAt: number }): string => `${j.userId}:${j.joinedAt}`;
