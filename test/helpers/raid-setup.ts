import type { EmulatorControl } from '../../src/emulator/control-client.ts';
import type { Emulator } from '../../src/emulator/emulator.ts';
import { welcomeTally } from './welcome-tally.ts';

/**
 * The demo guild configured as an admin would, through slash commands: welcomes in #welcome, the
 * Member role at once and Verified after `delayMinutes` (join DMs are on by default).
 */
export async function configureRaidGuild(emulator: Emulator, control: EmulatorControl, delayMinutes: number) {
	const demo = emulator.demo as NonNullable<Emulator['demo']>;
	const run = (command: string, options: Record<string, string | number>) =>
		control.command({ channel_id: demo.channels.general as string, user_id: demo.owner.id, command, options });
	await run('welcome channel', { channel: demo.channels.welcome as string });
	await run('autoroles add', { role: demo.roles.Member as string });
	await run('autoroles add', { role: demo.roles.Verified as string, delay: delayMinutes });
	return {
		guildId: demo.guild.id,
		welcome: demo.channels.welcome as string,
		roles: [demo.roles.Member as string, demo.roles.Verified as string],
	};
}

/** Per member: welcomed (named or counted, once), DMs received, roles given; and everything that went twice. */
export async function raidOutcome(
	emulator: Emulator,
	control: EmulatorControl,
	setup: { guildId: string; welcome: string; roles: string[] },
	users: readonly string[],
) {
	const tally = welcomeTally(emulator, setup.welcome, users);
	const dms = await Promise.all(users.map(async (id) => (await control.dms(id)).length));
	const roles = users.map((id) => emulator.world.guild(setup.guildId).members.get(id)?.roles ?? []);
	const roleCalls = new Map<string, number>();
	for (const r of emulator.requests.since(0))
		if (r.method === 'PUT' && r.status < 300 && r.path.includes('/roles/'))
			roleCalls.set(r.path, (roleCalls.get(r.path) ?? 0) + 1);
	return {
		welcomed: tally.accounted,
		namedTwice: tally.namedTwice.length,
		dmsOnce: dms.filter((n) => n === 1).length,
		dmsTwice: dms.filter((n) => n > 1).length,
		allRoles: roles.filter((r) => setup.roles.every((id) => r.includes(id))).length,
		roleCallsTwice: [...roleCalls.values()].filter((n) => n > 1).length,
	};
}
