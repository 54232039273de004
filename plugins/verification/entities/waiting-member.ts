import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/**
 * A member at the gate: joined and not verified yet. `screening` while Discord's membership
 * screening is not done (nothing is given before that), `waiting` once the gate applies. The row
 * goes when the member verifies, is removed or leaves; its existence is what makes a kick due.
 */
export const VerificationWaiting = defineEntity({
	name: 'VerificationWaiting',
	tableName: 'verification_waiting',
	properties: {
		guildId: p.type(SnowflakeType).primary(),
		userId: p.type(SnowflakeType).primary(),
		/** As the member was known at the join, for the dashboard (never rendered unescaped). */
		username: p.string(),
		stage: p.string().default('waiting'),
		/** The join this row belongs to (ms): a newer join of the same user replaces it. */
		joinedAt: p.bigint('number'),
		/** When the member is removed if still here (ms), null without a timeout or while screening. */
		deadlineAt: p.bigint('number').nullable(),
	},
	indexes: [{ properties: ['guildId', 'deadlineAt'] }],
});
