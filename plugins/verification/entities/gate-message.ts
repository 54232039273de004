import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/** The guild's one verification message, and what it was last rendered from (to edit only on change). */
export const VerificationGateMessage = defineEntity({
	name: 'VerificationGateMessage',
	tableName: 'verification_gate_messages',
	properties: {
		guildId: p.type(SnowflakeType).primary(),
		channelId: p.type(SnowflakeType),
		messageId: p.type(SnowflakeType),
		fingerprint: p.string(),
	},
});
