import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EmMessage } from '../src/emulator/world/types.ts';
import { type Backend, describeOnBackends } from '../src/testing/backends.ts';
import { startFoyerWithEmulator } from '../src/testing/foyer-harness.ts';
import { waitUntil } from './helpers/wait.ts';

const RAID = 250;
const RAID_MS = 2_500;
const LEAVES = 60;

/** How many members a bot message accounts for: those it mentions (or names) plus "and N others". */
function accountedFor(message: EmMessage, named: RegExp): { named: string[]; counted: number } {
	const others = message.content.match(/ and ([\d,]+) others?\b/);
	return {
		named: [...message.content.matchAll(named)].map((m) => m[1] as string),
		counted: others ? Number((others[1] as string).replace(/,/g, '')) : 0,
	};
}

describeOnBackends('welcome plugins in a raid, emulator in realistic rate-limit mode', (backend: Backend) => {
	let h: Awaited<ReturnType<typeof startFoyerWithEmulator>>;
	let welcome: string;
	let goodbye: string;
	const joined: string[] = [];

	const botMessages = (channelId: string) =>
		[...h.emulator.world.channel(channelId).messages.values()].filter(
			(m) => m.authorId === h.emulator.defaultApp.botUserId,
		);
	const rateLimited = async (since: number) =>
		(await h.control.requests({ since })).requests.filter((r: { status: number }) => r.status === 429);

	beforeAll(async () => {
		const backendOptions = await backend.harnessOptions();
		h = await startFoyerWithEmulator(['join', 'leave', 'join-dm'], { from: 'plugins', ...backendOptions });
		welcome = h.emulator.demo?.channels.welcome as string;
		goodbye = h.emulator.demo?.channels.goodbye as string;
		await h.foyer.plugins.updateSettings('join', h.guildId, { channel: welcome });
		await h.foyer.plugins.updateSettings('leave', h.guildId, { channel: goodbye });
		await h.control.setRateLimits({ mode: 'realistic' });
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it(`welcomes ${RAID} members joining in ${RAID_MS / 1000} s with a few combined messages, every DM delivered, no 429`, async () => {
		const { last_id } = await h.control.requests();
		const users = Array.from({ length: RAID }, (_, i) => h.emulator.world.createUser({ username: `raider${i}` }).id);
		for (const [i, id] of users.entries()) {
			h.emulator.world.join(h.guildId, id);
			joined.push(id);
			if (i % 10 === 9) await new Promise((r) => setTimeout(r, (RAID_MS / RAID) * 10));
		}
		const bot = h.emulator.defaultApp.botUserId;
		const dmDelivered = (id: string) => {
			const channel = h.emulator.world.dmChannels.get(`${bot}:${id}`);
			return channel !== undefined && h.emulator.world.channel(channel).messages.size === 1;
		};
		const tally = () => {
			const named: string[] = [];
			let counted = 0;
			for (const m of botMessages(welcome)) {
				const a = accountedFor(m, /<@(\d+)>/g);
				named.push(...a.named);
				counted += a.counted;
			}
			return { named, counted };
		};
		await waitUntil(() => users.every(dmDelivered) && tally().named.length + tally().counted >= RAID, 60_000);

		const { named, counted } = tally();
		expect(new Set(named).size).toBe(named.length);
		expect(named.every((id) => users.includes(id))).toBe(true);
		expect(named.length + counted).toBe(RAID);
		const messages = botMessages(welcome);
		// 5 single welcomes fill the channel's first window; after that, one combined message per 5 s.
		expect(messages.length).toBeLessThanOrEqual(8);
		for (const m of messages) expect(new Set(m.pings.users)).toEqual(new Set(accountedFor(m, /<@(\d+)>/g).named));
		expect(messages.some((m) => / and \d+ others/.test(m.content))).toBe(true);
		expect(await rateLimited(last_id)).toEqual([]);
		expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
	}, 90_000);

	it(`says goodbye to ${LEAVES} members leaving at once, each named or counted, no 429`, async () => {
		const { last_id } = await h.control.requests();
		const leavers = joined.slice(0, LEAVES);
		for (const id of leavers) h.emulator.world.removeMember(h.guildId, id);
		const names = new Set(leavers.map((id) => h.emulator.world.user(id).username));
		const tally = () => {
			let total = 0;
			for (const m of botMessages(goodbye)) {
				const a = accountedFor(m, /(raider\d+)/g);
				total += a.named.filter((n) => names.has(n)).length + a.counted;
			}
			return total;
		};
		await waitUntil(() => tally() >= LEAVES, 20_000);
		expect(tally()).toBe(LEAVES);
		expect(botMessages(goodbye).length).toBeLessThanOrEqual(6);
		expect(botMessages(goodbye).every((m) => m.pings.users.length === 0)).toBe(true);
		expect(await rateLimited(last_id)).toEqual([]);
	}, 30_000);
});
