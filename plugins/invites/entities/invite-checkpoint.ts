import { defineEntity, p } from '@mikro-orm/core';
import { SnowflakeType } from 'foyer';

/** The engine's last checkpoint for a guild (attribution/timeline.ts Checkpoint): the next start resumes from it. */
export const InviteCheckpoint = defineEntity({
	name: 'InviteCheckpoint',
	tableName: 'invite_checkpoints',
	properties: {
		guildId: p.type(SnowflakeType).primary(),
		checkpoint: p.json<unknown>(),
		atMs: p.bigint('number'),
	},
});
