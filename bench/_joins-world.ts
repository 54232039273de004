import type { Emulator } from '../src/emulator/emulator.ts';

/** Members a channel's bot messages account for: each one mentioned, plus "and N others". */
export function welcomedIn(emulator: Emulator, channelId: string): { mentioned: number; counted: number } {
	const bot = emulator.defaultApp.botUserId;
	const mentioned = new Set<string>();
	let counted = 0;
	for (const m of emulator.world.channel(channelId).messages.values()) {
		if (m.authorId !== bot) continue;
		for (const [, id] of m.content.matchAll(/<@(\d+)>/g)) mentioned.add(id as string);
		const others = m.content.match(/ and ([\d,]+) others?\b/);
		if (others) counted += Number((others[1] as string).replace(/,/g, ''));
	}
	return { mentioned: mentioned.size, counted };
}

/**
 * A check that is true once every user got the role (when there is one) and a DM from the bot. A poll
 * stops at the first user not done yet and never looks at a done one again: polling every 10 ms
 * costs the process under test next to nothing (scanning every waiting user each time cost 4% of a
 * 4,000-join run's CPU, more for whichever side was slower).
 */
export function perMemberWork(emulator: Emulator, guildId: string, users: string[], roleId: string | null) {
	const bot = emulator.defaultApp.botUserId;
	const guild = emulator.world.guild(guildId);
	const isDone = (id: string) => {
		if (roleId && !guild.members.get(id)?.roles.includes(roleId)) return false;
		const dm = emulator.world.dmChannels.get(`${bot}:${id}`);
		return dm !== undefined && emulator.world.channel(dm).messages.size >= 1;
	};
	let next = 0;
	return () => {
		while (next < users.length && isDone(users[next] as string)) next++;
		return next === users.length;
	};
}

export async function until(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (!predicate()) {
		if (performance.now() > deadline) throw new Error(`${what}: not done within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

export const newUsers = (emulator: Emulator, n: number, tag: string) =>
	Array.from({ length: n }, (_, i) => emulator.world.createUser({ username: `${tag}${i}` }).id);
