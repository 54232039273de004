/** Recent join times per guild (ms, oldest first), for "more than N joins within T seconds". */
const recent = new Map<string, number[]>();
const CAP = 10_001;

/** Counts a join; resolves how many joins fell within the last `windowMs`, this one included. */
export function countJoin(guildId: string, now: number, windowMs: number): number {
	let times = recent.get(guildId);
	if (!times) {
		times = [];
		recent.set(guildId, times);
	}
	times.push(now);
	let drop = 0;
	while (drop < times.length && (times[drop] as number) <= now - windowMs) drop++;
	if (times.length - drop > CAP) drop = times.length - CAP;
	if (drop) times.splice(0, drop);
	return times.length;
}

/** The last join this process saw in the guild, if any. */
export function lastJoinSeen(guildId: string): number | undefined {
	return recent.get(guildId)?.at(-1);
}
