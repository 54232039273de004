/**
 * What the invites plugin publishes to other plugins (loyalty, join messages...). Consumers get these
 * types through 'foyer' and never import this file's plugin: declare `dependsOn: ['invites']` (or
 * `{ id: 'invites', optional: true }`) and listen to the events, or call `plugin.service('invites')`.
 */

/** Where a join came from, as far as the evidence allows (never guessed). */
export type JoinSource = 'invite' | 'vanity' | 'unknown' | 'ambiguous' | 'offline';

/** A join that counts for its inviter (tracked, not fake): loyalty may award points for it. */
export interface InviteJoinCounted {
	guildId: string;
	/** Stable id of the join record: the same join is announced with the same id (consumers dedupe by it). */
	joinId: string;
	memberId: string;
	inviterId: string;
	code: string;
	/** When the member joined (ms since the epoch). */
	joinedAt: number;
}

/** A join that counted and no longer does: the member left, or it was later found fake, or an admin removed it. */
export interface InviteJoinUncounted {
	guildId: string;
	joinId: string;
	memberId: string;
	inviterId: string;
	reason: 'left' | 'fake' | 'removed';
	joinedAt: number;
	/** When it stopped counting (ms since the epoch). */
	at: number;
}

/** An inviter's counters (seed 000): effective = tracked + added - left - fake. */
export interface InviterCounts {
	tracked: number;
	left: number;
	fake: number;
	added: number;
	effective: number;
}

export interface InviterOf {
	source: JoinSource;
	/** Null unless the source is `invite` (or the inviter is known otherwise). */
	inviterId: string | null;
	code: string | null;
	/** For `ambiguous`: the inviters it may have been, none of them credited. */
	candidates: string[];
}

export interface InvitesService {
	/** Who invited a member's latest join, or null when Foyer has no record of their join. */
	inviterOf(guildId: string, memberId: string): InviterOf | null | Promise<InviterOf | null>;
	/** An inviter's counters in a guild (zeros when they invited nobody). */
	counts(guildId: string, inviterId: string): InviterCounts | Promise<InviterCounts>;
}

declare module 'foyer' {
	interface FoyerEvents {
		'invites:joinCounted': InviteJoinCounted;
		'invites:joinUncounted': InviteJoinUncounted;
	}
	interface FoyerServices {
		invites: InvitesService;
	}
}
