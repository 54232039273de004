import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/** A guild under raid lockdown: what was done (so lifting undoes exactly that) and the last join seen. */
export const VerificationLockdown = defineEntity({
	name: 'VerificationLockdown',
	tableName: 'verification_lockdowns',
	properties: {
		guildId: p.type(SnowflakeType).primary(),
		since: p.bigint('number'),
		reason: p.string(),
		/** Engaged by the join rate (lifted after a quiet period), or by a moderator (lifted by one). */
		automatic: p.boolean(),
		/** The gate asks for a captcha while this lasts. */
		captcha: p.boolean(),
		/** Until when Foyer paused the server's invites (ms), null if it did not. */
		invitesPausedUntil: p.bigint('number').nullable(),
		lastJoinAt: p.bigint('number'),
	},
});
