import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { Emulator } from '../../src/emulator/emulator.ts';
import { connectClient } from '../../src/emulator/testing/client.ts';

describe('rate limits', () => {
	let emulator: Emulator;
	let control: EmulatorControl;
	let channelId: string;

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true, rateLimits: 'realistic' });
		control = new EmulatorControl(emulator.url);
		channelId = emulator.demo?.channels.general as string;
	});
	afterAll(async () => {
		await emulator?.close();
	});

	const post = (content: string) =>
		fetch(`${emulator.apiUrl}/v10/channels/${channelId}/messages`, {
			method: 'POST',
			headers: { authorization: `Bot ${emulator.token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ content }),
		});

	it('answers the 6th message in 5 s on one channel with 429, Discord headers and retry_after', async () => {
		const responses = [];
		for (let i = 0; i < 6; i++) responses.push(await post(`m${i}`));
		expect(responses.slice(0, 5).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
		expect(responses[0]?.headers.get('x-ratelimit-limit')).toBe('5');
		expect(responses[4]?.headers.get('x-ratelimit-remaining')).toBe('0');
		const limited = responses[5];
		expect(limited?.status).toBe(429);
		expect(limited?.headers.get('retry-after')).toBeTruthy();
		const body = (await limited?.json()) as { retry_after: number; global: boolean };
		expect(body.global).toBe(false);
		expect(body.retry_after).toBeGreaterThan(0);
		expect(body.retry_after).toBeLessThanOrEqual(5);
	});

	it('lets a discord.js client that exceeds the global limit get 429s and recover with every request served', async () => {
		await control.setRateLimits({ mode: 'strict', global_limit: 5 });
		// The client is told it may send 500/s, so it overruns the emulator's global limit of 5/s.
		const client = await connectClient(emulator, { rest: { globalRequestsPerSecond: 500 } });
		try {
			const { last_id } = await control.requests();
			const results = await Promise.all(
				Array.from({ length: 12 }, () => client.users.fetch(emulator.demo?.member.id as string, { force: true })),
			);
			expect(results.every((u) => u.id === emulator.demo?.member.id)).toBe(true);
			const log = await control.requests({ since: last_id });
			const limited = log.requests.filter((r: { status: number }) => r.status === 429);
			expect(limited.length).toBeGreaterThan(0);
			expect(limited.every((r: { global: boolean; defect: boolean }) => r.global && r.defect)).toBe(true);
			expect(
				log.requests.filter(
					(r: { status: number; route: string }) => r.status === 200 && r.route === '/users/:user_id',
				),
			).toHaveLength(12);
			expect(log.defects).toBeGreaterThan(0);
		} finally {
			await client.destroy();
			await control.setRateLimits({ mode: 'realistic', global_limit: 50 });
		}
	});

	it('serves a discord.js client that follows the headers without a single 429', async () => {
		await control.setRateLimits({ mode: 'strict', buckets: { 'message.create': { limit: 3, window_ms: 300 } } });
		const client = await connectClient(emulator);
		try {
			const { last_id } = await control.requests();
			const channel = await client.channels.fetch(channelId);
			if (!channel?.isSendable()) throw new Error('not sendable');
			await Promise.all(Array.from({ length: 8 }, (_, i) => channel.send(`queued ${i}`)));
			const log = await control.requests({ since: last_id });
			expect(log.requests.filter((r: { status: number }) => r.status === 429)).toHaveLength(0);
			expect(
				log.requests.filter(
					(r: { route: string; status: number }) => r.route === '/channels/:channel_id/messages' && r.status === 200,
				),
			).toHaveLength(8);
		} finally {
			await client.destroy();
		}
	});

	it('makes two discord.js clients sharing a channel bucket (realistic mode) hit 429s and still deliver every message', async () => {
		await control.setRateLimits({ mode: 'realistic', buckets: { 'message.create': { limit: 5, window_ms: 1000 } } });
		const [a, b] = [await connectClient(emulator), await connectClient(emulator)];
		try {
			const { last_id } = await control.requests();
			const send = async (client: typeof a, tag: string) => {
				const channel = await client.channels.fetch(channelId);
				if (!channel?.isSendable()) throw new Error('not sendable');
				return Promise.all(Array.from({ length: 5 }, (_, i) => channel.send(`${tag} ${i}`)));
			};
			const sent = (await Promise.all([send(a, 'a'), send(b, 'b')])).flat();
			expect(sent).toHaveLength(10);
			const log = await control.requests({
				since: last_id,
				route: '/channels/:channel_id/messages',
				method: 'POST',
			});
			expect(log.requests.filter((r: { status: number }) => r.status === 429).length).toBeGreaterThan(0);
			expect(log.requests.filter((r: { status: number }) => r.status === 200)).toHaveLength(10);
			const contents = (await control.messages(channelId)).map((m: { content: string }) => m.content);
			for (const tag of ['a', 'b']) for (let i = 0; i < 5; i++) expect(contents).toContain(`${tag} ${i}`);
		} finally {
			await a.destroy();
			await b.destroy();
		}
	});

	it('refuses an unknown bucket or mode in the control call and keeps the table', async () => {
		await expect(control.setRateLimits({ buckets: { nope: { limit: 1, window_ms: 1 } } })).rejects.toThrow(
			/Unknown bucket/,
		);
		const before = await control.call('GET', '/rate-limits');
		await expect(control.setRateLimits({ mode: 'fast' as never })).rejects.toThrow(/mode/);
		expect(await control.call('GET', '/rate-limits')).toEqual(before);
	});
});
