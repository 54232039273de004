import { Routes } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { Emulator } from '../../src/emulator/emulator.ts';
import { connectClient } from '../../src/emulator/testing/client.ts';

/** Rate Limits: X-RateLimit-Scope on 429s and the invalid request limit ("Cloudflare bans"). */
describe('rate limits as Discord answers them', () => {
	let emulator: Emulator;
	let control: EmulatorControl;
	const api = (path: string, init: RequestInit = {}, token = emulator.token) =>
		fetch(`${emulator.apiUrl}/v10${path}`, {
			...init,
			headers: { authorization: `Bot ${token}`, 'content-type': 'application/json', ...init.headers },
		});

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true, rateLimits: 'strict' });
		control = new EmulatorControl(emulator.url);
	});
	afterAll(async () => {
		await emulator?.close();
	});

	it('sends X-RateLimit-Scope: user on a route 429 and global on a global 429', async () => {
		const channel = emulator.demo?.channels.general as string;
		const send = () => api(Routes.channelMessages(channel), { method: 'POST', body: JSON.stringify({ content: 'x' }) });
		let limited: Response | null = null;
		for (let i = 0; i < 6 && !limited; i++) {
			const res = await send();
			if (res.status === 429) limited = res;
		}
		expect(limited?.headers.get('x-ratelimit-scope')).toBe('user');
		await control.setRateLimits({ mode: 'strict', global_limit: 1 });
		await api(Routes.user('@me'));
		const global = await api(Routes.user('@me'));
		expect(global.status).toBe(429);
		expect(global.headers.get('x-ratelimit-scope')).toBe('global');
		expect(global.headers.get('x-ratelimit-global')).toBe('true');
		await control.setRateLimits({ mode: 'strict', global_limit: 50 });
	});

	it('bans the IP at the edge after the invalid-request limit of 401/403/429 answers, until the ban runs out', async () => {
		await control.setRateLimits({ mode: 'strict', invalid_requests: { limit: 20, ban_ms: 60_000 } });
		for (let i = 0; i < 19; i++) expect((await api(Routes.user('@me'), {}, 'not-a-token')).status).toBe(401);
		expect((await api(Routes.user('@me'))).status).toBe(200);
		expect((await api(Routes.user('@me'), {}, 'not-a-token')).status).toBe(401);
		const banned = await api(Routes.user('@me'));
		expect(banned.status).toBe(429);
		expect(banned.headers.get('content-type')).toContain('text/html');
		expect(Number(banned.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(banned.headers.has('x-ratelimit-scope')).toBe(false);
		const log = await control.requests({ status: 429 });
		expect(log.defects).toBeGreaterThan(0);
		await control.advanceClock(60_001);
		expect((await api(Routes.user('@me'))).status).toBe(200);
	});

	it('never bans in realistic mode, and a discord.js client that follows the headers makes no invalid request', async () => {
		await control.setRateLimits({ mode: 'realistic', invalid_requests: { limit: 3 } });
		for (let i = 0; i < 5; i++) await api(Routes.user('@me'), {}, 'bad');
		expect((await api(Routes.user('@me'))).status).toBe(200);
		// Short windows keep the burst quick; the client still has to wait for each window as headers say.
		await control.setRateLimits({
			mode: 'strict',
			invalid_requests: { limit: 10_000, window_ms: 600_000 },
			buckets: { 'message.create': { limit: 5, window_ms: 300 } },
		});
		const client = await connectClient(emulator);
		try {
			const since = (await control.requests()).last_id;
			const channel = await client.channels.fetch(emulator.demo?.channels.general as string);
			if (!channel?.isSendable()) throw new Error('general is not sendable');
			await Promise.all(Array.from({ length: 12 }, (_, i) => channel.send(`burst ${i}`)));
			const after = await control.requests({ since });
			expect(after.requests.filter((r: { status: number }) => [401, 403, 429].includes(r.status))).toHaveLength(0);
		} finally {
			await client.destroy();
		}
	});

	it('rejects a bad rate-limit call with 400 naming the field and changes nothing', async () => {
		const before = await control.call('GET', '/rate-limits');
		const error = await control.call('PUT', '/rate-limits', { invalid_requests: { limit: 0 } }).catch((e) => e);
		expect(error.status).toBe(400);
		expect(error.body.message).toContain('invalid_requests.limit');
		expect((await control.call('GET', '/rate-limits')).invalid_requests).toEqual(before.invalid_requests);
	});
});
