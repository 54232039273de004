import type { Attribution, AuditInviteEntry, InviteState } from './types.ts';

export type ObsKind = 'invites' | 'vanity';

/**
 * One answered snapshot request. Requests go out one at a time per guild, so `seq` is also the
 * order in which Discord answered them.
 */
export interface Obs {
	seq: number;
	kind: ObsKind;
	/** Input ticks (see Timeline.tick): what had been received before it was sent / once it was answered. */
	sentTick: number;
	doneTick: number;
	sentAt: number;
	doneAt: number;
	/** Counted joins received before it was sent: all of them are in it. */
	sent: number;
	invites?: Map<string, InviteState>;
	vanityUses?: number;
	/** A saved checkpoint: exactly this many joins (positions) precede it. */
	fixedN?: number;
	/** The checkpoint was saved before downtime: members may have joined and left meanwhile. */
	offline?: boolean;
}

/** Everything known about a code, from snapshots, INVITE_CREATE/DELETE and the audit log. */
export interface CodeFacts {
	code: string;
	inviterId: string | null;
	maxUses: number;
	expiresAt: number | null;
	createdAt: number | null;
	roleIds: readonly string[];
	targetUserIds: readonly string[];
	/** Tick at which Foyer first knew the code existed. */
	learnedTick: number;
	/** INVITE_CREATE: received after this many counted joins. */
	created?: { tick: number; pos: number };
	/** INVITE_DELETE: received after this many counted joins. */
	deleted?: { tick: number; pos: number };
	auditCreate?: AuditInviteEntry;
	auditDelete?: AuditInviteEntry;
}

export interface TJoin {
	pos: number;
	key: string;
	userId: string;
	joinedAt: number;
	roleIds: readonly string[];
	offline: boolean;
	/** Out of the solver: its component closed (or tracking gave up on it). */
	closed: boolean;
	/** A final decision was emitted. */
	decided: boolean;
	last: Attribution | null;
}

export interface EngineOptions {
	/**
	 * How far Discord's clock may be from this machine's (ms) until observations narrow it (see
	 * clock-offset.ts: join times against arrival, and the REST answers' Date headers).
	 */
	clockSkewMs: number;
	/** How far Discord's own timestamps (joined_at, created_at, expires_at) may disagree (ms). */
	serverSkewMs: number;
	/** INVITE_CREATE/DELETE reach Foyer for every channel (Manage Channels everywhere). */
	inviteEventsComplete: boolean;
	/** Foyer may read the audit log (View Audit Log). */
	auditLog: boolean;
	/**
	 * Treat the roles in GUILD_MEMBER_ADD as those of the role-granting invite used. Off by default:
	 * Discord does not document that the roles are already there in that event.
	 */
	rolesAtJoinFromInvite: boolean;
	/**
	 * A gateway event reaches Foyer within this long after what it reports (ms), while the session
	 * lasts (a lost session is a downtime: resume a new tracker from a checkpoint). Used only once a snapshot is
	 * that old: then no join it counted is still on its way, which closes the last window after a
	 * quiet spell.
	 */
	maxEventDelayMs: number;
}

export const DEFAULT_OPTIONS: EngineOptions = {
	clockSkewMs: 2_000,
	serverSkewMs: 1_000,
	inviteEventsComplete: false,
	auditLog: true,
	rolesAtJoinFromInvite: false,
	maxEventDelayMs: 60_000,
};

/** Where one unit of evidence may sit: a code, the vanity URL, or what the evidence cannot name. */
export type SourceKey = `code:${string}` | 'vanity' | 'before' | 'unseen' | 'open' | 'void';

/**
 * "Between `lo` and `hi` joins used `source` between the snapshots `startSeq` and `endSeq`"
 * (-1: since before any snapshot; Infinity: not closed by a snapshot yet).
 */
export interface Unit {
	id: string;
	source: SourceKey;
	code?: string;
	lo: number;
	hi: number;
	/** No later input can change lo/hi. */
	settled: boolean;
	startSeq: number;
	endSeq: number;
	/** A code never seen in a snapshot: its uses fall somewhere in (startSeq, endSeq]. */
	floating?: boolean;
	/** Filled from the cuts: the positions (from, to] of joins that may be among these units. */
	from: number;
	to: number;
}
