import { ChannelType, GatewayIntentBits as I, Routes } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { Emulator } from '../../src/emulator/emulator.ts';
import { connectClient } from '../../src/emulator/testing/client.ts';
import { RawGateway } from '../helpers/raw-gateway.ts';

interface SessionView {
	id: string;
	connected: boolean;
}

/** Gateway sessions as Discord ends and resumes them (Gateway: Disconnecting, Resuming, Session Start Limit). */
describe('gateway sessions as Discord ends them', () => {
	let emulator: Emulator;
	let control: EmulatorControl;
	const open: RawGateway[] = [];
	const connect = async (query?: string) => {
		const gw = await RawGateway.connect(emulator.gatewayUrl, query);
		open.push(gw);
		return gw;
	};
	const ready = async (gw: RawGateway) => {
		await gw.until((g) => g.dispatches('READY').length > 0);
		return (gw.dispatches('READY')[0]?.d as { session_id: string } | undefined)?.session_id as string;
	};
	const sessions = async () => (await control.call('GET', '/gateway/sessions')) as SessionView[];

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true, sessionTtlMs: 60_000 });
		control = new EmulatorControl(emulator.url);
	});
	afterEach(() => {
		for (const gw of open.splice(0)) gw.close();
	});
	afterAll(async () => {
		await emulator?.close();
	});

	it('ends the session when the client closes with 1000 or 1001', async () => {
		for (const code of [1000, 1001]) {
			const gw = await connect();
			gw.identify(emulator.token, I.Guilds);
			const id = await ready(gw);
			gw.closeWith(code);
			await gw.until((g) => g.closeCode !== null);
			await expect.poll(async () => (await sessions()).some((s) => s.id === id)).toBe(false);
		}
	});

	it('keeps the session resumable after another close code, and replays what was missed', async () => {
		const gw = await connect();
		gw.identify(emulator.token, I.Guilds);
		const id = await ready(gw);
		const seq = gw.frames.at(-1)?.s ?? 0;
		gw.closeWith(4200);
		await gw.until((g) => g.closeCode !== null);
		await expect.poll(async () => (await sessions()).find((s) => s.id === id)?.connected).toBe(false);
		await control.call('POST', `/guilds/${emulator.demo?.guild.id}/roles`, { name: 'while away' });
		const again = await connect();
		again.send(6, { token: emulator.token, session_id: id, seq });
		await again.until((g) => g.dispatches('RESUMED').length > 0);
		const replayed = again.dispatches().map((f) => f.t);
		expect(replayed[0]).toBe('GUILD_ROLE_CREATE');
		expect(replayed.at(-1)).toBe('RESUMED');
	});

	it('ends a discord.js client’s session on destroy()', async () => {
		const existing = new Set((await sessions()).map((s) => s.id));
		const client = await connectClient(emulator);
		const mine = (await sessions()).find((s) => !existing.has(s.id));
		expect(mine?.connected).toBe(true);
		await client.destroy();
		await expect.poll(async () => (await sessions()).some((s) => s.id === mine?.id)).toBe(false);
	});

	it('accepts an IDENTIFY on the same socket after its own op 9', async () => {
		const gw = await connect();
		gw.identify(emulator.token, I.Guilds);
		await ready(gw);
		await control.call('POST', '/gateway/invalidate', {});
		await gw.until((g) => g.frames.some((f) => f.op === 9));
		gw.identify(emulator.token, I.Guilds);
		await gw.until((g) => g.dispatches('READY').length === 2);
		expect(gw.closeCode).toBeNull();
	});

	it('counts IDENTIFYs down in session_start_limit', async () => {
		const limit = async () =>
			(
				(await fetch(`${emulator.apiUrl}/v10${Routes.gatewayBot()}`, {
					headers: { authorization: `Bot ${emulator.token}` },
				}).then((r) => r.json())) as { session_start_limit: { total: number; remaining: number } }
			).session_start_limit;
		const before = await limit();
		const gw = await connect();
		gw.identify(emulator.token, I.Guilds);
		await ready(gw);
		const after = await limit();
		expect(after.total).toBe(1000);
		expect(after.remaining).toBe(before.remaining - 1);
	});

	it('speaks zstd-stream when asked: every frame decodes through one zstd context', async () => {
		const gw = await connect('?v=10&encoding=json&compress=zstd-stream');
		gw.identify(emulator.token, I.Guilds);
		await gw.until((g) => g.dispatches('GUILD_CREATE').length > 0);
		expect(gw.frames[0]?.op).toBe(10);
		expect(gw.dispatches('READY')).toHaveLength(1);
	});

	it('refuses an unknown compression with 4002, as an undecodable connection', async () => {
		const gw = await connect('?v=10&encoding=json&compress=brotli');
		await gw.until((g) => g.closeCode !== null);
		expect(gw.closeCode).toBe(4002);
	});

	it('sends GUILD_CREATE without REST-only fields such as approximate_member_count', async () => {
		const gw = await connect();
		gw.identify(emulator.token, I.Guilds);
		await gw.until((g) => g.dispatches('GUILD_CREATE').length > 0);
		const guild = gw.dispatches('GUILD_CREATE')[0]?.d as Record<string, unknown>;
		expect(guild).not.toHaveProperty('approximate_member_count');
		expect(guild).not.toHaveProperty('approximate_presence_count');
		expect(guild.member_count).toBe(emulator.demo?.guild.members.size);
	});

	it('lists only the other user as a DM channel’s recipient', async () => {
		const client = await connectClient(emulator);
		try {
			const memberId = emulator.demo?.member.id as string;
			const raw = (await client.rest.post(Routes.userChannels(), { body: { recipient_id: memberId } })) as {
				type: number;
				recipients: { id: string }[];
			};
			expect(raw.type).toBe(ChannelType.DM);
			expect(raw.recipients.map((u) => u.id)).toEqual([memberId]);
			const dm = await (await client.users.fetch(memberId)).createDM();
			expect(dm.recipientId).toBe(memberId);
		} finally {
			await client.destroy();
		}
	});
});
