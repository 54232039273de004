import { oracleBound } from '../attribution/oracle.ts';
import { rng, SimGuild, type SimOptions } from './_sim.ts';

/**
 * Randomised guilds against a simulated Discord whose truth is known: invites with and without
 * limits, one-use invites created and used between snapshots, expiring invites, deletions, the
 * vanity URL, bursts of simultaneous joins, repeated GUILD_MEMBER_ADDs and gateway latency. Whatever
 * happens, no join is ever credited to the wrong inviter, every ambiguous join lists its true source,
 * and a final decision never changes.
 */
export async function randomGuild(seed: number, options: SimOptions) {
	const r = rng(seed * 7919);
	const g = new SimGuild({ seed, ...options });
	const codes = r.int(1, 6);
	for (let i = 0; i < codes; i++) g.createInvite({ maxUses: r.chance(0.3) ? r.int(1, 5) : 0 });
	await g.start();
	await g.settle(3_000);
	const joined: { userId: string; joinedAt: number }[] = [];
	const end = g.now + r.int(5_000, 40_000);
	while (g.now < end) {
		const roll = r.next();
		const live = g.liveCodes();
		const via = () => ((options.vanity && r.chance(0.2)) || live.length === 0 ? 'vanity' : r.pick(live));
		if (roll < 0.6) {
			const u = g.newUser();
			if (g.join(via(), u)) joined.push({ userId: u, joinedAt: g.discordNow() });
		} else if (roll < 0.72) {
			for (let k = r.int(2, 25); k > 0; k--) {
				const u = g.newUser();
				if (g.join(via(), u)) joined.push({ userId: u, joinedAt: g.discordNow() });
			}
		} else if (roll < 0.8) {
			g.createInvite({
				maxUses: r.chance(0.5) ? 1 : r.chance(0.5) ? r.int(2, 4) : 0,
				maxAgeMs: r.chance(0.3) ? r.int(500, 8_000) : null,
			});
		} else if (roll < 0.83 && live.length > 0) g.deleteInvite(r.pick(live));
		else if (roll < 0.86 && joined.length > 0) {
			const j = r.pick(joined);
			g.resend(j.userId, j.joinedAt);
		} else if (roll < 0.9) await g.run(g.now + r.int(1_000, 6_000));
		await g.run(g.now + (r.chance(0.5) ? 0 : r.int(1, 400)));
	}
	// A quiet join much later lets every earlier window close (as the next join in a real guild does).
	await g.settle(10_000);
	const live = g.liveCodes();
	if (live.length > 0) g.join(live[0] as string);
	await g.settle(90_000);
	const oracle = oracleBound(g.trueJoins, g.snapshots, [...g.trueCodes.values()]);
	return { score: g.score(), oracle, stats: g.tracker.stats, g };
}
