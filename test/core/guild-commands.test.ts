import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFoyerWithEmulator } from '../../src/testing/foyer-harness.ts';

describe('guild-scoped slash commands of a plugin', () => {
	let h: Awaited<ReturnType<typeof startFoyerWithEmulator>>;
	const guildCommands = () =>
		[...(h.emulator.defaultApp.guildCommands.get(h.guildId)?.values() ?? [])].map((c) => c.name);

	beforeAll(async () => {
		h = await startFoyerWithEmulator(['guildcmd', 'greeter']);
	});
	afterAll(async () => {
		await h?.stop();
	});

	it('registers them in the guild, not globally, once even after reloads', async () => {
		expect(guildCommands()).toEqual(['local']);
		await h.foyer.plugins.reload('guildcmd');
		await h.foyer.plugins.reload('guildcmd');
		expect(guildCommands()).toEqual(['local']);
		expect([...h.emulator.defaultApp.globalCommands.values()].map((c) => c.name)).toEqual(['greet']);
		const result = await h.control.command({
			channel_id: h.generalId,
			user_id: h.emulator.demo?.member.id as string,
			command: 'local',
		});
		expect(result.reply.content).toBe('local reply');
	});

	it('clears the guild explicitly when its last guild command goes away', async () => {
		await h.foyer.plugins.unload('guildcmd');
		expect(guildCommands()).toEqual([]);
		expect([...h.emulator.defaultApp.globalCommands.values()].map((c) => c.name)).toEqual(['greet']);
	});
});
