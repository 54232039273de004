import { describe, expect, it } from 'vitest';
import { randomGuild } from './_random-guild.ts';
import type { SimOptions } from './_sim.ts';

const configs: [string, SimOptions][] = [
	['invite events, audit log', { events: true, auditLog: true }],
	['invite events, audit log, vanity URL', { events: true, auditLog: true, vanity: true }],
	['audit log only (no Manage Channels)', { events: false, auditLog: true }],
	['invite events only (no View Audit Log)', { events: true, auditLog: false, vanity: true }],
	[
		'audit entries for used-up invites (as the emulator writes them)',
		{ events: true, auditLog: true, auditOnUseUp: true },
	],
	[
		'slow gateway (events later than REST answers)',
		{ events: true, auditLog: true, latency: [50, 400], rtt: [10, 30] },
	],
	["Discord's clock 1.5 s ahead of Foyer's", { events: true, auditLog: true, vanity: true, clockOffset: 1_500 }],
	["Discord's clock 1.8 s behind Foyer's", { events: true, auditLog: true, clockOffset: -1_800 }],
];

describe('attribution against a simulated Discord (randomised)', () => {
	for (const [name, options] of configs) {
		it(`${name}: 0 wrong over 30 guilds, the truth among every ambiguous join's candidates`, async () => {
			const total = { joins: 0, wrong: 0, attributed: 0, ambiguous: 0, unknown: 0, pending: 0, oracle: 0, covered: 0 };
			for (let seed = 1; seed <= 30; seed++) {
				const { score, oracle } = await randomGuild(seed, options);
				expect(score.wrong, `seed ${seed}: wrong attributions`).toBe(0);
				expect(score.missingTruthInCandidates, `seed ${seed}: truth missing from candidates`).toBe(0);
				expect(score.changedAfterFinal, `seed ${seed}: a final decision changed`).toBe(0);
				for (const k of ['joins', 'wrong', 'attributed', 'ambiguous', 'unknown', 'pending'] as const)
					total[k] += score[k];
				total.oracle += oracle.bound;
				total.covered += oracle.covered;
			}
			console.log(name, JSON.stringify(total));
		}, 180_000);
	}
});
