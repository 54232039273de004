import { GatewayIntentBits as I } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { Emulator } from '../../src/emulator/emulator.ts';
import { RawGateway } from '../helpers/raw-gateway.ts';

describe('gateway protocol (raw WebSocket client)', () => {
	let emulator: Emulator;
	let control: EmulatorControl;
	const open: RawGateway[] = [];
	const connect = async (query?: string) => {
		const gw = await RawGateway.connect(emulator.gatewayUrl, query);
		open.push(gw);
		return gw;
	};

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true });
		control = new EmulatorControl(emulator.url);
	});
	afterEach(() => {
		for (const gw of open.splice(0)) gw.close();
	});
	afterAll(async () => {
		await emulator?.close();
	});

	it('says HELLO, then closes with 4004 when IDENTIFY carries a bad token', async () => {
		const gw = await connect();
		await gw.until((g) => g.frames.length > 0);
		expect(gw.frames[0]?.op).toBe(10);
		gw.identify('not-a-token', I.Guilds);
		await gw.until((g) => g.closeCode !== null);
		expect(gw.closeCode).toBe(4004);
	});

	it('closes with 4014 when an application asks for a privileged intent it has not enabled', async () => {
		const app = await control.call('POST', '/applications', { name: 'plain', privileged_intents: 0 });
		const gw = await connect();
		gw.identify(app.token, I.Guilds | I.GuildMembers);
		await gw.until((g) => g.closeCode !== null);
		expect(gw.closeCode).toBe(4014);
	});

	it('sends READY then one GUILD_CREATE per guild, with numbered sequence', async () => {
		const gw = await connect();
		gw.identify(emulator.token, I.Guilds | I.GuildMembers);
		await gw.until((g) => g.dispatches('GUILD_CREATE').length === 1);
		const [ready, create] = gw.dispatches();
		expect(ready?.t).toBe('READY');
		expect((ready?.d as { resume_gateway_url: string } | undefined)?.resume_gateway_url).toBe(emulator.gatewayUrl);
		expect(ready?.s).toBe(1);
		expect(create?.s).toBe(2);
		expect((create?.d as { members: unknown[] } | undefined)?.members.length).toBe(emulator.demo?.guild.members.size);
	});

	it('acks heartbeats with op 11', async () => {
		const gw = await connect();
		gw.send(1, null);
		await gw.until((g) => g.frames.some((f) => f.op === 11));
	});

	it('delivers GUILD_MEMBER_ADD only to sessions with the Guild Members intent', async () => {
		const withMembers = await connect();
		const without = await connect();
		withMembers.identify(emulator.token, I.Guilds | I.GuildMembers);
		without.identify(emulator.token, I.Guilds);
		await withMembers.until((g) => g.dispatches('GUILD_CREATE').length === 1);
		await without.until((g) => g.dispatches('GUILD_CREATE').length === 1);
		const guildId = emulator.demo?.guild.id as string;
		await control.join(guildId, { user: { username: 'intent-check' } });
		await control.call('POST', `/guilds/${guildId}/roles`, { name: 'announced to both' });
		await withMembers.until((g) => g.dispatches('GUILD_ROLE_CREATE').length === 1);
		await without.until((g) => g.dispatches('GUILD_ROLE_CREATE').length === 1);
		expect(withMembers.dispatches('GUILD_MEMBER_ADD')).toHaveLength(1);
		expect(without.dispatches('GUILD_MEMBER_ADD')).toHaveLength(0);
	});

	it('splits guilds across shards by (guild_id >> 22) % shard_count', async () => {
		const guilds = [];
		for (let i = 0; i < 6; i++) guilds.push(await control.createGuild({ name: `shard test ${i}` }));
		const shards = [await connect(), await connect()];
		for (const [id, gw] of shards.entries()) gw.identify(emulator.token, I.Guilds, { shard: [id, 2] });
		const total = emulator.world.guildsOfBot(emulator.defaultApp.botUserId).length;
		await Promise.all(
			shards.map((gw) => gw.until(() => shards.reduce((n, s) => n + s.dispatches('GUILD_CREATE').length, 0) === total)),
		);
		for (const [id, gw] of shards.entries()) {
			for (const f of gw.dispatches('GUILD_CREATE'))
				expect(Number((BigInt((f.d as { id: string }).id) >> 22n) % 2n)).toBe(id);
		}
		expect(guilds).toHaveLength(6);
	});

	it('rejects an invalid shard with 4010', async () => {
		const gw = await connect();
		gw.identify(emulator.token, I.Guilds, { shard: [2, 2] });
		await gw.until((g) => g.closeCode !== null);
		expect(gw.closeCode).toBe(4010);
	});

	it('resumes a dropped session and replays exactly the events it missed, then RESUMED', async () => {
		const gw = await connect();
		gw.identify(emulator.token, I.Guilds | I.GuildMembers);
		await gw.until((g) => g.dispatches('GUILD_CREATE').length >= 1);
		const ready = gw.dispatches('READY')[0]?.d as { session_id: string };
		const lastSeq = Math.max(...gw.dispatches().map((f) => f.s ?? 0));
		gw.close();
		const guildId = emulator.demo?.guild.id as string;
		for (let i = 0; i < 3; i++) await control.join(guildId, { user: { username: `missed-${i}` } });
		const again = await connect();
		again.send(6, { token: emulator.token, session_id: ready.session_id, seq: lastSeq });
		await again.until((g) => g.dispatches('RESUMED').length === 1);
		const replayed = again.dispatches('GUILD_MEMBER_ADD');
		expect(replayed.map((f) => (f.d as { user: { username: string } }).user.username)).toEqual([
			'missed-0',
			'missed-1',
			'missed-2',
		]);
		expect(replayed.map((f) => f.s)).toEqual([lastSeq + 1, lastSeq + 2, lastSeq + 3]);
	});

	it('answers RESUME of an unknown session with op 9 (not resumable)', async () => {
		const gw = await connect();
		gw.send(6, { token: emulator.token, session_id: 'nope', seq: 1 });
		await gw.until((g) => g.frames.some((f) => f.op === 9));
		expect(gw.frames.find((f) => f.op === 9)?.d).toBe(false);
	});

	it('speaks zlib-stream when asked: HELLO and READY arrive compressed and decode', async () => {
		const gw = await connect('?v=10&encoding=json&compress=zlib-stream');
		gw.identify(emulator.token, I.Guilds);
		await gw.until((g) => g.dispatches('READY').length === 1);
		expect(gw.frames[0]?.op).toBe(10);
	});

	it('answers REQUEST_GUILD_MEMBERS with GUILD_MEMBERS_CHUNK', async () => {
		const gw = await connect();
		gw.identify(emulator.token, I.Guilds | I.GuildMembers);
		await gw.until((g) => g.dispatches('GUILD_CREATE').length >= 1);
		const guildId = emulator.demo?.guild.id as string;
		gw.send(8, { guild_id: guildId, query: '', limit: 0, nonce: 'n1' });
		await gw.until((g) => g.dispatches('GUILD_MEMBERS_CHUNK').length === 1);
		const chunk = gw.dispatches('GUILD_MEMBERS_CHUNK')[0]?.d as { members: unknown[]; nonce: string };
		expect(chunk.nonce).toBe('n1');
		expect(chunk.members.length).toBe(emulator.world.guild(guildId).members.size);
	});
});
