/**
 * Who is waiting for a member's join to be decided (the welcome's %inviter%). Resolved by the
 * decision; a waiter that times out resolves false.
 */
const waiting = new Map<string, Set<() => void>>();

const keyOf = (guildId: string, memberId: string) => `${guildId}:${memberId}`;

export function waitForDecision(guildId: string, memberId: string, timeoutMs: number): Promise<boolean> {
	const key = keyOf(guildId, memberId);
	return new Promise((resolve) => {
		const set = waiting.get(key) ?? new Set();
		waiting.set(key, set);
		const done = () => {
			clearTimeout(timer);
			set.delete(done);
			if (!set.size) waiting.delete(key);
			resolve(true);
		};
		const timer = setTimeout(() => {
			set.delete(done);
			if (!set.size) waiting.delete(key);
			resolve(false);
		}, timeoutMs);
		set.add(done);
	});
}

export function decided(guildId: string, memberId: string): void {
	for (const done of [...(waiting.get(keyOf(guildId, memberId)) ?? [])]) done();
}
