import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { ALPHABET } from './_font.ts';

export const CODE_LENGTH = 6;

/** Six characters from a 32-symbol alphabet: about a billion codes, from a cryptographic source. */
export function newCode(): string {
	let code = '';
	for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(0, ALPHABET.length)];
	return code;
}

/** What a member typed, as the code is written: case, spaces and dashes do not matter. */
export function normalizeAnswer(answer: string): string {
	return answer.toUpperCase().replace(/[\s-]+/g, '');
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether the answer is the code, in time that does not depend on how much of it is right: both
 * sides are hashed to the same length first, then compared with timingSafeEqual.
 */
export function answerMatches(answer: string, code: string): boolean {
	return timingSafeEqual(digest(normalizeAnswer(answer)), digest(code));
}
