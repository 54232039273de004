import type { World } from '../world/world.ts';

/** How long Discord remembers a nonce for `enforce_nonce` ("the past few minutes"). */
const WINDOW_MS = 5 * 60_000;

const byWorld = new WeakMap<World, Map<string, { messageId: string; at: number }>>();

/**
 * Discord's `enforce_nonce` on message create: when the same author sent a message with the same
 * nonce in the channel within the last few minutes, that message is returned and no new one is
 * created (what makes a retried send idempotent).
 */
export function messageForNonce(world: World, channelId: string, authorId: string, nonce: string): string | null {
	const seen = byWorld.get(world)?.get(`${channelId}:${authorId}:${nonce}`);
	if (!seen || Date.now() - seen.at > WINDOW_MS) return null;
	return seen.messageId;
}

export function rememberNonce(
	world: World,
	channelId: string,
	authorId: string,
	nonce: string,
	messageId: string,
): void {
	let seen = byWorld.get(world);
	if (!seen) {
		seen = new Map();
		byWorld.set(world, seen);
	}
	const now = Date.now();
	if (seen.size > 10_000) for (const [key, v] of seen) if (now - v.at > WINDOW_MS) seen.delete(key);
	seen.set(`${channelId}:${authorId}:${nonce}`, { messageId, at: now });
}

/** The nonce of a create body when `enforce_nonce` is set, else null. */
export function enforcedNonce(body: unknown): string | null {
	const b = body as { nonce?: unknown; enforce_nonce?: unknown } | null;
	if (b?.enforce_nonce !== true) return null;
	return typeof b.nonce === 'string' || typeof b.nonce === 'number' ? String(b.nonce) : null;
}
