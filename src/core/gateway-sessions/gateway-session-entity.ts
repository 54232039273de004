import { defineEntity, p } from '@mikro-orm/core';

/**
 * A shard's gateway session as of the last event Foyer finished handling: what a restarted Foyer
 * resumes to have the events it missed replayed. `sequence` only moves past an event once every
 * plugin listener it reached has settled (its effects recorded).
 */
export const GatewaySessionRow = defineEntity({
	name: 'FoyerGatewaySession',
	tableName: 'foyer_gateway_sessions',
	properties: {
		shardId: p.integer().primary(),
		sessionId: p.string(),
		resumeUrl: p.string(),
		sequence: p.bigint('number'),
		shardCount: p.integer(),
		updatedAt: p.bigint('number'),
	},
});

export interface StoredSession {
	shardId: number;
	sessionId: string;
	resumeUrl: string;
	sequence: number;
	shardCount: number;
	updatedAt: number;
}
