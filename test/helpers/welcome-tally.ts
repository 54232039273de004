import type { Emulator } from '../../src/emulator/emulator.ts';

/**
 * Who the bot's messages in a channel account for, among `users`: mentioned ones by id, and the
 * "and N others" of combined messages. A raid welcomed once each accounts for everyone exactly once:
 * `accounted` equals the number of users, and nobody is named twice.
 */
export function welcomeTally(emulator: Emulator, channelId: string, users: readonly string[]) {
	const wanted = new Set(users);
	const bot = emulator.defaultApp.botUserId;
	const seen = new Map<string, number>();
	let counted = 0;
	for (const m of emulator.world.channel(channelId).messages.values()) {
		if (m.authorId !== bot) continue;
		const ids = [...m.content.matchAll(/<@(\d+)>/g)].map((x) => x[1] as string).filter((id) => wanted.has(id));
		for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
		const others = m.content.match(/ and ([\d,]+) others?\b/);
		if (others && ids.length > 0) counted += Number((others[1] as string).replace(/,/g, ''));
	}
	return {
		named: seen.size,
		counted,
		accounted: [...seen.values()].reduce((a, b) => a + b, 0) + counted,
		namedTwice: [...seen].filter(([, n]) => n > 1).map(([id]) => id),
	};
}
