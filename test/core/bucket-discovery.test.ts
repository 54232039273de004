import type { Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateBucketDiscovery } from '../../src/core/rest/bucket-discovery.ts';
import { Emulator } from '../../src/emulator/emulator.ts';
import { connectClient } from '../../src/emulator/testing/client.ts';

/**
 * The emulator's member PATCH shares the role routes' bucket (Discord does not say which routes
 * share one). A first PATCH sent while the role PUTs have used up the window is refused before
 * discord.js can know; the core's discovery gate lets it wait for its sibling routes instead.
 */
describe('a route whose first request shares an exhausted bucket with a sibling route', () => {
	let emulator: Emulator;
	const members: string[] = [];
	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true, rateLimits: 'realistic' });
		const guildId = emulator.demo?.guild.id as string;
		for (let i = 0; i < 60; i++) {
			const id = emulator.world.createUser({ username: `shared${i}` }).id;
			emulator.world.join(guildId, id);
			members.push(id);
		}
	});
	afterAll(async () => {
		await emulator?.close();
	});

	async function burst(client: Client, from: number): Promise<number> {
		const demo = emulator.demo as NonNullable<Emulator['demo']>;
		const guild = await client.guilds.fetch(demo.guild.id);
		const since = emulator.requests.lastId;
		const role = demo.roles.Member as string;
		const puts = members.slice(from, from + 15).map((id) => guild.members.addRole({ user: id, role }));
		// Once the PUTs have used up the window, a PATCH of another member: a route discord.js never used.
		const putsSeen = () => emulator.requests.since(since).filter((r) => r.method === 'PUT' && r.status !== 429).length;
		while (putsSeen() < 10) await new Promise((r) => setTimeout(r, 5));
		const patch = guild.members.edit(members[from + 20] as string, { roles: [role, demo.roles.Verified as string] });
		await Promise.all([...puts, patch]);
		return emulator.requests.since(since).filter((r) => r.method === 'PATCH' && r.status === 429).length;
	}

	it('gets a 429 from a bare discord.js client (the case the gate exists for)', async () => {
		const client = await connectClient(emulator);
		try {
			expect(await burst(client, 0)).toBeGreaterThan(0);
		} finally {
			await client.destroy();
		}
		await new Promise((r) => setTimeout(r, 1_100));
	});

	it('gets none when the first request waits for its sibling routes to be quiet', async () => {
		const client = await connectClient(emulator);
		gateBucketDiscovery(client.rest);
		try {
			expect(await burst(client, 30)).toBe(0);
		} finally {
			await client.destroy();
		}
	});
});
