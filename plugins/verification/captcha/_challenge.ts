import { raw } from '@mikro-orm/core';
import { VerificationChallenge } from '../entities/challenge.ts';
import plugin from '../plugin.ts';
import { answerMatches, newCode } from './_code.ts';
import { captchaPng } from './_image.ts';

/** How long a code can be answered: enough to read and type it, short enough not to be farmed. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

export interface Challenge {
	png: Buffer;
	failures: number;
	expiresAt: number;
}

/** A new code for the member (the old one stops working); the count of wrong answers is kept. */
export async function issueChallenge(guildId: string, userId: string): Promise<Challenge> {
	const code = newCode();
	const expiresAt = plugin.now() + CHALLENGE_TTL_MS;
	const em = plugin.em();
	const updated = await em.nativeUpdate(VerificationChallenge, { guildId, userId }, { code, expiresAt });
	if (updated === 0) await em.upsert(VerificationChallenge, { guildId, userId, code, expiresAt, failures: 0 });
	const row = await em.findOne(VerificationChallenge, { guildId, userId });
	return { png: captchaPng(code), failures: row?.failures ?? 0, expiresAt };
}

export async function failuresOf(guildId: string, userId: string): Promise<number> {
	return (await plugin.em().findOne(VerificationChallenge, { guildId, userId }))?.failures ?? 0;
}

/** Whether the member has a code they can still answer. */
export async function hasLiveChallenge(guildId: string, userId: string): Promise<boolean> {
	const row = await plugin.em().findOne(VerificationChallenge, { guildId, userId });
	return !!row && Number(row.expiresAt) > plugin.now();
}

export type AnswerResult = { kind: 'right' } | { kind: 'wrong'; failures: number } | { kind: 'expired' };

/**
 * Checks an answer against the member's code in constant time. A right answer uses the code up (a
 * second submit of it finds nothing); a wrong one is counted, atomically, and the code is dropped so
 * that the next try is on a new image.
 */
export async function checkAnswer(guildId: string, userId: string, answer: string): Promise<AnswerResult> {
	const em = plugin.em();
	const row = await em.findOne(VerificationChallenge, { guildId, userId });
	if (!row?.code || Number(row.expiresAt) <= plugin.now()) return { kind: 'expired' };
	const where = { guildId, userId, code: row.code };
	if (answerMatches(answer, row.code)) {
		const used = await em.nativeDelete(VerificationChallenge, where);
		return used > 0 ? { kind: 'right' } : { kind: 'expired' };
	}
	const counted = await em.nativeUpdate(VerificationChallenge, where, { failures: raw('failures + 1'), code: '' });
	if (counted === 0) return { kind: 'expired' };
	plugin.counters.add(guildId, 'failedCaptchas');
	return { kind: 'wrong', failures: await failuresOf(guildId, userId) };
}
