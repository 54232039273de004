import { describeOnBackends, type SeenMessage, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';

const RAID = 250;
const RAID_MS = 2_500;
const LEAVES = 60;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How many members a bot message accounts for: those it mentions (or names) plus "and N others". */
function accountedFor(message: SeenMessage, named: RegExp): { named: string[]; counted: number } {
	const others = message.content.match(/ and ([\d,]+) others?\b/);
	return {
		named: [...message.content.matchAll(named)].map((m) => m[1] as string),
		counted: others ? Number((others[1] as string).replace(/,/g, '')) : 0,
	};
}

/** Polls `check` every `everyMs` (checks here read hundreds of members) until it holds or `ms` pass. */
async function until(check: () => Promise<boolean>, what: string, ms: number, everyMs = 250): Promise<void> {
	const deadline = Date.now() + ms;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
		await sleep(everyMs);
	}
}

/** The suite, as a function of the harness options so that it can run on each backend. */
describeOnBackends('the welcome plugins in a raid, emulator in realistic rate-limit mode', (backend) => {
	let h: TestFoyer;
	/** The raiders' ids and usernames, in the order they joined. */
	const joined: { id: string; username: string }[] = [];

	beforeAll(async () => {
		h = await startTestFoyer({
			plugins: [
				new URL('..', import.meta.url),
				new URL('../../leave', import.meta.url),
				new URL('../../join-dm', import.meta.url),
			],
			backend,
		});
		await plugin.updateSettings(h.guildId, { channel: h.channel('welcome') });
		const goodbye = await h.command(h.demo.adminId, 'goodbye channel', { channel: h.channel('goodbye') });
		expect(goodbye.content).toBe(`Goodbye messages now go to <#${h.channel('goodbye')}>.`);
		await h.control.setRateLimits({ mode: 'realistic' });
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it(`welcomes ${RAID} members joining in ${RAID_MS / 1000} s with a few combined messages, every DM delivered, no 429`, async () => {
		const since = await h.lastRequestId();
		// Ten at a time, every (RAID_MS / RAID) * 10 ms.
		for (let i = 0; i < RAID; i += 10) {
			const batch = Array.from({ length: 10 }, (_, j) => `raider${i + j}`);
			const ids = await Promise.all(batch.map((username) => h.join(username)));
			joined.push(...ids.map((id, j) => ({ id, username: batch[j] as string })));
			await sleep((RAID_MS / RAID) * 10);
		}
		const users = joined.map((j) => j.id);
		const delivered = new Set<string>();
		const allDelivered = async () => {
			const waiting = users.filter((id) => !delivered.has(id));
			const counts = await Promise.all(waiting.map(async (id) => [id, (await h.dms(id)).length] as const));
			for (const [id, n] of counts) if (n === 1) delivered.add(id);
			return delivered.size === RAID;
		};
		const tally = async () => {
			const named: string[] = [];
			let counted = 0;
			for (const m of await h.botMessages('welcome')) {
				const a = accountedFor(m, /<@(\d+)>/g);
				named.push(...a.named);
				counted += a.counted;
			}
			return { named, counted };
		};
		await until(
			async () => (await allDelivered()) && (await tally()).named.length + (await tally()).counted >= RAID,
			'every raider welcomed and DMed',
			60_000,
		);

		const { named, counted } = await tally();
		expect(new Set(named).size).toBe(named.length);
		expect(named.every((id) => users.includes(id))).toBe(true);
		expect(named.length + counted).toBe(RAID);
		const messages = await h.botMessages('welcome');
		// 5 single welcomes fill the channel's first window; after that, one combined message per 5 s.
		expect(messages.length).toBeLessThanOrEqual(8);
		for (const m of messages) expect(new Set(m.pings)).toEqual(new Set(accountedFor(m, /<@(\d+)>/g).named));
		expect(messages.some((m) => / and \d+ others/.test(m.content))).toBe(true);
		expect((await h.requests(since)).filter((r) => r.status === 429)).toEqual([]);
		// Every DM once: none sent twice to a member.
		for (const id of users.slice(0, 20)) expect(await h.dms(id)).toHaveLength(1);
		expect(h.errors()).toEqual([]);
	}, 90_000);

	it(`says goodbye to ${LEAVES} members leaving at once, each named or counted, no 429`, async () => {
		const since = await h.lastRequestId();
		const leavers = joined.slice(0, LEAVES);
		await Promise.all(leavers.map((l) => h.leave(l.id)));
		const names = new Set(leavers.map((l) => l.username));
		const tally = async () => {
			let total = 0;
			for (const m of await h.botMessages('goodbye')) {
				const a = accountedFor(m, /(raider\d+)/g);
				total += a.named.filter((n) => names.has(n)).length + a.counted;
			}
			return total;
		};
		await until(async () => (await tally()) >= LEAVES, 'every leaver named or counted', 20_000);
		expect(await tally()).toBe(LEAVES);
		const goodbyes = await h.botMessages('goodbye');
		expect(goodbyes.length).toBeLessThanOrEqual(6);
		expect(goodbyes.every((m) => m.pings.length === 0)).toBe(true);
		expect((await h.requests(since)).filter((r) => r.status === 429)).toEqual([]);
	}, 30_000);
});
