import type { InferEntity } from '@mikro-orm/core';
import { Suggestion } from './entities/suggestion.ts';
import plugin from './plugin.ts';

export type SuggestionRow = InferEntity<typeof Suggestion>;
export const STATUSES = ['open', 'approved', 'declined'] as const;
export type Status = (typeof STATUSES)[number];
export const VOTES = { up: '👍', down: '👎' } as const;

// #region create
/** Stores a new suggestion (not posted yet) and returns it with its number. */
export async function createSuggestion(guildId: string, authorId: string, channelId: string, text: string) {
	const em = plugin.em();
	const row = em.create(Suggestion, {
		guildId,
		authorId,
		channelId,
		text,
		messageId: null,
		status: 'open',
		up: 0,
		down: 0,
		createdAt: new Date(plugin.now()),
	});
	await em.flush();
	return row;
}
// #endregion create

export async function setPosted(id: number, messageId: string): Promise<void> {
	await plugin.em().nativeUpdate(Suggestion, { id }, { messageId });
}

/** Forgets a suggestion whose post failed, so that no number points at nothing. */
export async function dropSuggestion(id: number): Promise<void> {
	await plugin.em().nativeDelete(Suggestion, { id });
}

export function findByMessage(guildId: string, messageId: string): Promise<SuggestionRow | null> {
	return plugin.em().findOne(Suggestion, { guildId, messageId });
}

export function findById(guildId: string, id: number): Promise<SuggestionRow | null> {
	return plugin.em().findOne(Suggestion, { guildId, id });
}

/** The guild's suggestions, newest first. */
export function listSuggestions(guildId: string, limit = 50): Promise<SuggestionRow[]> {
	return plugin.em().find(Suggestion, { guildId }, { orderBy: { id: 'desc' }, limit });
}

/** Sets a vote count to what Discord shows under the post (reactions minus Foyer's own). */
export async function setVotes(id: number, vote: keyof typeof VOTES, count: number): Promise<void> {
	await plugin.em().nativeUpdate(Suggestion, { id }, { [vote]: Math.max(0, count) });
}

export async function setStatus(id: number, status: Status): Promise<void> {
	await plugin.em().nativeUpdate(Suggestion, { id }, { status });
}
