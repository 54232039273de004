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
