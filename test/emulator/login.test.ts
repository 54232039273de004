import type { Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.ts';
import { connectClient } from '../../src/emulator/testing/client.ts';

describe('an unmodified discord.js client logging into the emulator', () => {
	let emulator: Emulator;
	let client: Client<true>;

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true });
		client = await connectClient(emulator);
	});

	afterAll(async () => {
		await client?.destroy();
		await emulator?.close();
	});

	it('becomes ready with the demo guild, its channels, roles and members cached', () => {
		const demo = emulator.demo;
		expect(demo).not.toBeNull();
		const guild = client.guilds.cache.get(demo?.guild.id ?? '');
		expect(guild?.name).toBe('Foyer Demo');
		expect(guild?.channels.cache.find((c) => c.name === 'welcome')).toBeDefined();
		expect(guild?.roles.cache.find((r) => r.name === 'Admin')).toBeDefined();
		expect(guild?.members.cache.size).toBe(demo?.guild.members.size);
		expect(client.user.id).toBe(emulator.defaultApp.botUserId);
	});
});
