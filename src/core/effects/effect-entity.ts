import { defineEntity, p } from '@mikro-orm/core';

/**
 * The outbox: an effect on Discord Foyer decided to carry out (a welcome, a DM, roles), recorded
 * before it is carried out and marked once done, under an idempotency key derived from its cause.
 */
export const EffectRow = defineEntity({
	name: 'FoyerEffect',
	tableName: 'foyer_effects',
	properties: {
		id: p.integer().primary().autoincrement(),
		effectKey: p.string().unique(),
		kind: p.string(),
		plugin: p.string(),
		payload: p.json<unknown>(),
		status: p.string().index(),
		attempts: p.integer().default(0),
		lastError: p.text().nullable(),
		/** The nonce of the combined message this effect went out in (noted just before sending it). */
		groupNonce: p.string().nullable(),
		createdAt: p.bigint('number'),
		doneAt: p.bigint('number').nullable(),
	},
});

export type EffectStatus = 'pending' | 'done' | 'failed';

export interface StoredEffect {
	id: number;
	key: string;
	kind: string;
	plugin: string;
	payload: unknown;
	attempts: number;
	group: string | null;
}
