/**
 * What the verification plugin publishes to other plugins (join messages, auto roles...). Consumers
 * get these types through 'foyer' and never import this plugin's files: declare
 * `dependsOn: [{ id: 'verification', optional: true }]`, listen to `verification:verified`, and ask
 * `plugin.service('verification').gates(guildId)` whether to wait for it.
 */

/** How a member passed the gate. */
export type VerifiedBy = 'button' | 'reaction' | 'captcha' | 'moderator' | 'manual-role' | 'skip';

/**
 * A member passed the gate: the unverified role is gone and the verified role given (as configured).
 * Emitted once per verification; a consumer must still be idempotent (after a crash it may come again).
 */
export interface MemberVerified {
	guildId: string;
	memberId: string;
	by: VerifiedBy;
	/** When the member was verified (ms since the epoch). */
	at: number;
	/**
	 * The member came in through the gate (waited at it, or skipped it on joining). False when a
	 * moderator verifies someone who joined before the gate: a plugin that held its welcome for the
	 * verification acts only when this is true.
	 */
	afterJoin: boolean;
}

export interface VerificationService {
	/**
	 * Whether new human members of the guild go through the gate now: then `verification:verified`
	 * (with `afterJoin: true`) follows for each who gets through, at once for those who skip it.
	 * Bots are never gated.
	 */
	gates(guildId: string): boolean | Promise<boolean>;
	/** Whether a member is waiting at the gate (joined, not verified yet). */
	isWaiting(guildId: string, memberId: string): boolean | Promise<boolean>;
}

declare module 'foyer' {
	interface FoyerEvents {
		'verification:verified': MemberVerified;
	}
	interface FoyerServices {
		verification: VerificationService;
	}
}
