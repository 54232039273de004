import type { Emulator } from '../../src/emulator/emulator.ts';
import { welcomeTally } from './welcome-tally.ts';

export interface RaidGuild {
	guildId: string;
	welcome: string;
	roles: string[];
}

/**
 * What Discord (the emulator) holds for a raid, scored per member from its own records, not from
 * Foyer's: welcomes (named or counted in a combined message), the bot's messages in each member's
 * DMs, the roles each member has, and every successful role call, so that a role given twice shows
 * even though giving a role twice leaves the same member behind.
 */
export function groundTruth(emulator: Emulator, setup: RaidGuild, users: readonly string[]) {
	const bot = emulator.defaultApp.botUserId;
	const world = emulator.world;
	const tally = welcomeTally(emulator, setup.welcome, users);
	const dms = users.map((id) => {
		const channel = world.dmChannels.get(`${bot}:${id}`);
		if (!channel) return 0;
		let n = 0;
		for (const m of world.channel(channel).messages.values()) if (m.authorId === bot) n++;
		return n;
	});
	const guild = world.guild(setup.guildId);
	const roles = users.map((id) => guild.members.get(id)?.roles ?? []);
	const wanted = new Set(users);
	const roleCalls = new Map<string, number>();
	for (const r of emulator.requests.since(0)) {
		if (r.status >= 300 || !r.path.includes('/members/')) continue;
		// PUT .../members/{user}/roles/{role}: one role; PATCH .../members/{user}: several at once.
		const user = r.path.match(/\/members\/(\d+)/)?.[1];
		if (!user || !wanted.has(user)) continue;
		if (r.method === 'PUT' && r.path.includes('/roles/')) roleCalls.set(r.path, (roleCalls.get(r.path) ?? 0) + 1);
		if (r.method === 'PATCH') roleCalls.set(`PATCH ${r.path}`, (roleCalls.get(`PATCH ${r.path}`) ?? 0) + 1);
	}
	return {
		members: users.length,
		/** Named or counted across the bot's welcome messages (once each: equals `members`). */
		welcomed: tally.accounted,
		namedTwice: tally.namedTwice.length,
		dmsOnce: dms.filter((n) => n === 1).length,
		dmsTwice: dms.filter((n) => n > 1).length,
		allRoles: roles.filter((r) => setup.roles.every((id) => r.includes(id))).length,
		roleCallsTwice: [...roleCalls.values()].filter((n) => n > 1).length,
	};
}

export type GroundTruth = ReturnType<typeof groundTruth>;

/** The bot's DMs to `users` and the raid roles they hold, in total (for bench:crash's report). */
export function totals(emulator: Emulator, setup: RaidGuild, users: readonly string[]) {
	const bot = emulator.defaultApp.botUserId;
	const world = emulator.world;
	let dms = 0;
	let roles = 0;
	for (const id of users) {
		const channel = world.dmChannels.get(`${bot}:${id}`);
		if (channel) for (const m of world.channel(channel).messages.values()) if (m.authorId === bot) dms++;
		const held = world.guild(setup.guildId).members.get(id)?.roles ?? [];
		roles += setup.roles.filter((r) => held.includes(r)).length;
	}
	return { dms, roles };
}

/** Everyone welcomed, DMed and given every role (maybe some twice: see `isExactlyOnce`). */
export function isComplete(t: GroundTruth): boolean {
	return t.welcomed >= t.members && t.dmsOnce + t.dmsTwice === t.members && t.allRoles === t.members;
}

/** What a raid handled exactly once scores. */
export function exactlyOnce(members: number): GroundTruth {
	return {
		members,
		welcomed: members,
		namedTwice: 0,
		dmsOnce: members,
		dmsTwice: 0,
		allRoles: members,
		roleCallsTwice: 0,
	};
}
