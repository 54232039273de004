import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/**
 * A member's current captcha and the wrong answers so far. The code is kept (not only a hash): it is
 * six characters that live for minutes, already shown to the member as an image, and keeping it in
 * the database lets an answer typed just before a restart still be checked after it. A new challenge
 * replaces the code and keeps the count of failures, so asking again does not reset the limit.
 */
export const VerificationChallenge = defineEntity({
	name: 'VerificationChallenge',
	tableName: 'verification_challenges',
	properties: {
		guildId: p.type(SnowflakeType).primary(),
		userId: p.type(SnowflakeType).primary(),
		code: p.string(),
		expiresAt: p.bigint('number'),
		failures: p.integer().default(0),
	},
});
