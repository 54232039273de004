/**
 * Members being verified or removed right now, in this process: a second click, the role update
 * our own PATCH causes, or a kick falling due meanwhile must not act on the same member twice.
 */
const busy = new Set<string>();

export async function exclusive<T>(guildId: string, userId: string, work: () => Promise<T>): Promise<T | 'busy'> {
	const key = `${guildId}:${userId}`;
	if (busy.has(key)) return 'busy';
	busy.add(key);
	try {
		return await work();
	} finally {
		busy.delete(key);
	}
}

export function isBusy(guildId: string, userId: string): boolean {
	return busy.has(`${guildId}:${userId}`);
}

const chains = new Map<string, Promise<unknown>>();

/**
 * Runs a member's role changes one after the other. In a raid the unverified role may wait seconds
 * in its rate-limit queue; a member who verifies meanwhile must not have it land after the
 * verification took it away (they would end with both roles).
 */
export function inOrder<T>(guildId: string, userId: string, work: () => Promise<T>): Promise<T> {
	const key = `${guildId}:${userId}`;
	const run = (chains.get(key) ?? Promise.resolve()).then(work, work);
	const settled = run.catch(() => undefined);
	chains.set(key, settled);
	void settled.then(() => {
		if (chains.get(key) === settled) chains.delete(key);
	});
	return run;
}
