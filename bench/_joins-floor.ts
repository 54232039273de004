import { Events } from 'discord.js';
import { Emulator } from '../src/emulator/emulator.ts';
import { connectClient } from '../src/emulator/testing/client.ts';
import { newUsers, perMemberWork, until } from './_joins-world.ts';

/**
 * The floor: a bare discord.js client (no Sapphire, no database) that makes the same REST calls per
 * join as Foyer did (role add, DM channel, DM) and posts `welcomes` channel messages spread over the
 * joins. Returns joins per second to the last member's role and DM.
 */
export async function floorRun(joins: number, welcomes: number, withRole: boolean): Promise<number> {
	const emulator = await Emulator.start({ demo: true });
	const demo = emulator.demo;
	if (!demo) throw new Error('demo guild missing');
	// The same raised client-side global cap as the Foyer run: this measures the process, not the 50/s.
	const client = await connectClient(emulator, { rest: { globalRequestsPerSecond: 1_000_000 } });
	const roleId = withRole ? (demo.roles.Member as string) : null;
	const channel = await client.channels.fetch(demo.channels.welcome as string);
	if (!channel?.isSendable()) throw new Error('welcome channel not sendable');
	const every = Math.max(1, Math.floor(joins / Math.max(1, welcomes)));
	let seen = 0;
	client.on(Events.GuildMemberAdd, (member) => {
		const i = seen++;
		void Promise.all([
			roleId ? member.roles.add(roleId) : null,
			member.send({ content: `Hi ${member.displayName}! Welcome.`, allowedMentions: { parse: [] } }),
			i % every === 0
				? channel.send({ content: `Welcome <@${member.id}>!`, allowedMentions: { users: [member.id] } })
				: null,
		]);
	});
	const users = newUsers(emulator, joins, 'floor');
	const started = performance.now();
	for (let i = 0; i < users.length; i += 100) {
		for (const id of users.slice(i, i + 100)) emulator.world.join(demo.guild.id, id);
		await new Promise((r) => setImmediate(r));
	}
	await until(perMemberWork(emulator, demo.guild.id, users, roleId), 120_000, 'floor');
	const seconds = (performance.now() - started) / 1000;
	await client.destroy();
	await emulator.close();
	return joins / seconds;
}
