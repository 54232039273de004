/**
 * npm run bench:verification
 *
 * Emulator in `realistic` rate-limit mode, the verification gate on in button mode (one Foyer on a
 * SQLite file). Per run:
 * 1. JOINS members join over JOINS_S seconds. Until each has the unverified role: REST calls per
 *    join (floor: 1 role change each), 429s, and the drain time against the shortest time the
 *    emulator's bucket table allows for the same calls (or the last arrival, if later).
 * 2. Every member presses Verify, CLICKS_S seconds for all of them (as fast as people would), with
 *    no click waiting for another. Until each has the verified role and not the unverified one: REST
 *    calls per verification (interaction callbacks and webhook edits counted apart: Discord exempts
 *    them from the global limit), 429s, drain vs bound, and the interaction answer latency (from
 *    INTERACTION_CREATE to the bot's callback, which Discord wants within 3 s) and to the final
 *    answer (the edited reply), p50 and p99.
 * Medians of RUNS runs. Last line: one JSON object.
 */
import { shortestDrain } from '../src/emulator/rest/drain-bound.ts';
import { startVerificationStack } from './_verification-stack.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const JOINS = Number(process.env.BENCH_JOINS ?? 1000);
const JOINS_S = Number(process.env.BENCH_JOINS_S ?? 10);
const CLICKS_S = Number(process.env.BENCH_CLICKS_S ?? 10);
const TARGET = { drain_factor: 1.25, interaction_p99_ms: 1000 };

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const percentile = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};
const interactionRoute = (route: string) => route.startsWith('/interactions/') || route.startsWith('/webhooks/');

async function until(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (!predicate()) {
		if (performance.now() > deadline) throw new Error(`${what}: not done within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

/** Sends `count` things over `seconds`, in ticks of 100 ms. */
async function spread(count: number, seconds: number, each: (i: number) => void): Promise<void> {
	const started = performance.now();
	const perTick = Math.max(1, Math.round(count / (seconds * 10)));
	for (let i = 0; i < count; i += perTick) {
		for (let j = i; j < Math.min(count, i + perTick); j++) each(j);
		const wait = started + ((i + perTick) / count) * seconds * 1000 - performance.now();
		if (wait > 0) await new Promise((r) => setTimeout(r, wait));
	}
}

async function run() {
	const stack = await startVerificationStack();
	const { emulator, control, guildId } = stack;
	const world = emulator.world;
	const guild = world.guild(guildId);
	// When each interaction was created, by id and by token, to time the bot's callback and edit.
	const created = new Map<string, number>();
	const interactions = emulator.interactions;
	const create = interactions.create.bind(interactions);
	interactions.create = (spec, payload) => {
		const pending = create(spec, payload);
		created.set(pending.id, pending.createdAt);
		created.set(pending.token, pending.createdAt);
		return pending;
	};
	await control.setRateLimits({ mode: 'realistic' });
	const users = Array.from({ length: JOINS }, (_, i) => world.createUser({ username: `gate${i}` }).id);

	// 1. The raid of joins.
	const joinFirstId = emulator.requests.lastId;
	const joinStart = world.now();
	await spread(JOINS, JOINS_S, (i) => world.join(guildId, users[i] as string));
	const lastJoinMs = world.now() - joinStart;
	const gated = (id: string) => guild.members.get(id)?.roles.includes(stack.unverified) ?? false;
	await until(() => users.every(gated), 600_000, 'joins');
	const joinRequests = emulator.requests.since(joinFirstId);
	const joinRest = joinRequests.filter((r) => !interactionRoute(r.route));
	const joinDrainMs = Math.max(...joinRest.map((r) => r.time)) - joinStart;
	const joinBound = shortestDrain(
		joinRest.filter((r) => r.status !== 429).map((r) => ({ bucket: r.bucket, path: r.path })),
	);

	// 2. Everyone presses Verify.
	const clickFirstId = emulator.requests.lastId;
	const clickStart = world.now();
	const clicks: Promise<unknown>[] = [];
	await spread(JOINS, CLICKS_S, (i) =>
		clicks.push(
			control
				.click({
					channel_id: stack.channelId,
					message_id: stack.gateMessageId,
					user_id: users[i] as string,
					custom_id: 'verification:verify',
					timeout_ms: 60_000,
				})
				// The emulator stops waiting after 60 s; the bot may still edit its deferred reply (15 min).
				.catch(() => undefined),
		),
	);
	const lastClickMs = world.now() - clickStart;
	const through = (id: string) => {
		const roles = guild.members.get(id)?.roles ?? [];
		return roles.includes(stack.verified) && !roles.includes(stack.unverified);
	};
	await until(() => users.every(through), 600_000, 'verifications');
	await Promise.all(clicks);
	const clickRequests = emulator.requests.since(clickFirstId);
	const clickRest = clickRequests.filter((r) => !interactionRoute(r.route));
	const roleCalls = clickRest.filter((r) => r.route.startsWith('/guilds/:guild_id/members/'));
	const clickDrainMs = Math.max(...roleCalls.map((r) => r.time)) - clickStart;
	const clickBound = shortestDrain(
		clickRest.filter((r) => r.status !== 429).map((r) => ({ bucket: r.bucket, path: r.path })),
	);
	const answers: number[] = [];
	const finals: number[] = [];
	for (const r of clickRequests) {
		const parts = r.path.split('/');
		if (r.route.startsWith('/interactions/') && r.method === 'POST') {
			const at = created.get(parts[parts.indexOf('interactions') + 1] as string);
			if (at !== undefined) answers.push(r.time - at);
		} else if (r.route.startsWith('/webhooks/') && r.method === 'PATCH') {
			const at = created.get(parts[parts.indexOf('webhooks') + 2] as string);
			if (at !== undefined) finals.push(r.time - at);
		}
	}
	for (const r of [...joinRequests, ...clickRequests].filter((r) => r.status === 429))
		console.error(`429: ${r.method} ${r.route} (${r.bucket}, global ${r.global})`);
	const result = {
		joins429: joinRequests.filter((r) => r.status === 429).length,
		clicks429: clickRequests.filter((r) => r.status === 429).length,
		restCallsPerJoin: joinRest.length / JOINS,
		restCallsPerVerification: clickRest.length / JOINS,
		roleCallsPerVerification: roleCalls.length / JOINS,
		interactionCallsPerVerification: (clickRequests.length - clickRest.length) / JOINS,
		joinDrainS: joinDrainMs / 1000,
		joinBoundS: Math.max(joinBound.boundMs, lastJoinMs) / 1000,
		drainS: clickDrainMs / 1000,
		boundS: Math.max(clickBound.boundMs, lastClickMs) / 1000,
		answered: answers.length,
		answerP50: percentile(answers, 50),
		answerP99: percentile(answers, 99),
		finalP50: percentile(finals, 50),
		finalP99: percentile(finals, 99),
	};
	await stack.stop();
	return result;
}

const runs: Awaited<ReturnType<typeof run>>[] = [];
for (let i = 0; i < RUNS; i++) {
	const r = await run();
	runs.push(r);
	console.error(`run ${i + 1}/${RUNS}: ${JSON.stringify(r)}`);
}
const m = (pick: (r: (typeof runs)[number]) => number) => median(runs.map(pick));
const round = (n: number, d = 3) => Number(n.toFixed(d));
const summary = {
	raid_429s: Math.max(...runs.map((r) => r.joins429 + r.clicks429)),
	rest_calls_per_join: round(m((r) => r.restCallsPerJoin)),
	rest_calls_per_verification: round(m((r) => r.restCallsPerVerification)),
	role_calls_per_verification: round(m((r) => r.roleCallsPerVerification)),
	interaction_calls_per_verification: round(m((r) => r.interactionCallsPerVerification)),
	join_drain_s: round(
		m((r) => r.joinDrainS),
		2,
	),
	join_drain_bound_s: round(
		m((r) => r.joinBoundS),
		2,
	),
	drain_s: round(
		m((r) => r.drainS),
		2,
	),
	drain_bound_s: round(
		m((r) => r.boundS),
		2,
	),
	interaction_p50_ms: round(
		m((r) => r.answerP50),
		1,
	),
	interaction_p99_ms: round(
		m((r) => r.answerP99),
		1,
	),
	final_answer_p50_ms: round(
		m((r) => r.finalP50),
		1,
	),
	final_answer_p99_ms: round(
		m((r) => r.finalP99),
		1,
	),
	interactions_answered: Math.min(...runs.map((r) => r.answered)),
	runs: RUNS,
	joins: JOINS,
	joins_seconds: JOINS_S,
	clicks_seconds: CLICKS_S,
	targets: { raid_429s: 0, ...TARGET },
	meets_targets:
		runs.every((r) => r.joins429 + r.clicks429 === 0 && r.answered === JOINS) &&
		m((r) => r.drainS) <= TARGET.drain_factor * m((r) => r.boundS) &&
		m((r) => r.joinDrainS) <= TARGET.drain_factor * m((r) => r.joinBoundS) &&
		m((r) => r.answerP99) <= TARGET.interaction_p99_ms,
};
console.log(JSON.stringify(summary));
process.exit(0);
