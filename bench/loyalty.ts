/**
 * npm run bench:loyalty
 *
 * Purchase webhook deliveries per second (POST /loyalty/<guild>/purchases: signature check,
 * idempotency by order id, ledger line and balance in one transaction) with 30% of the deliveries
 * retries of earlier ones, against a floor measured in the same run: the same request through the
 * same server to a route that does only the signature check (body read, guild and secret lookup,
 * timestamp, HMAC) and answers 200. Foyer runs as `npm start` does (SQLite file, jobs in it);
 * the load comes from a worker thread, BENCH_CONCURRENCY requests in flight. Each round measures
 * both, order alternated; figures are medians across rounds. At the end the ledger and the balances
 * must equal, member by member, what the deliveries should have given (`exact_totals`).
 * Last line: one JSON object.
 */
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { container } from '@sapphire/framework';
import { Route } from '@sapphire/plugin-api';
import { totals } from '../plugins/loyalty/_balances.ts';
import { sendJson } from '../plugins/loyalty/_json-reply.ts';
import { signatureFor } from '../plugins/loyalty/_signature.ts';
import { sqlOn } from '../plugins/loyalty/_sql.ts';
import { authenticateDelivery } from '../plugins/loyalty/_webhook-auth.ts';
import plugin from '../plugins/loyalty/plugin.ts';
import { workload } from '../plugins/loyalty/test/_workload.ts';
import { startTestFoyer } from '../src/testing/test-foyer.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const USERS = 50;

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const percentile = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};

interface Sample {
	perSecond: number;
	p50: number;
	p99: number;
	bad: number;
}

function load(url: string, secret: string, bodies: string[]): Promise<Sample> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL('./_loyalty-load.mjs', import.meta.url), {
			workerData: { url, secret, bodies, concurrency: CONCURRENCY },
		});
		worker.once('message', (m: { latencies: number[]; statuses: Record<string, number>; elapsedMs: number }) => {
			const bad = Object.entries(m.statuses).reduce((n, [status, count]) => (status === '200' ? n : n + count), 0);
			resolve({
				perSecond: (bodies.length / m.elapsedMs) * 1000,
				p50: Number(percentile(m.latencies, 50).toFixed(2)),
				p99: Number(percentile(m.latencies, 99).toFixed(2)),
				bad,
			});
			void worker.terminate();
		});
		worker.once('error', reject);
	});
}

const loadBefore = loadavg()[0] as number;
// A fresh SQLite file with the jobs in it (the embedded scheduler on the database), as `npm start` runs.
const h = await startTestFoyer({ plugins: [new URL('../plugins/loyalty', import.meta.url)] });

// The secret, generated from the dashboard as an admin does.
const admin = await h.dashboard();
await admin.page(`/loyalty/${h.guildId}`);
const rotated = await (await admin.form(`/loyalty/${h.guildId}/webhook/rotate`, {}, { htmx: true })).text();
const secret = /id="loyalty-new-secret">([^<]+)</.exec(rotated)?.[1];
if (!secret) throw new Error('No secret in the rotation answer');

// The floor: the same server, the same request, only the signature check.
class LoyaltyBenchFloorRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'bench-floor/[guild]/purchases', methods: ['POST'], access: 'public' });
	}
	override async run(request: Route.Request, response: Route.Response) {
		const guild = this.container.client.guilds.cache.get(String(request.params.guild)) ?? null;
		const auth = await authenticateDelivery(request, guild);
		if (!auth.ok) return sendJson(response, auth.refusal.status, { ok: false, error: auth.refusal.error });
		sendJson(response, 200, { ok: true });
	}
}
await container.stores.loadPiece({ store: 'routes', name: 'bench:loyalty-floor', piece: LoyaltyBenchFloorRoute });

const base = h.foyer.httpUrl;
// Both targets must accept a signed delivery before they are measured.
for (const path of [`/loyalty/${h.guildId}/purchases`, `/bench-floor/${h.guildId}/purchases`]) {
	const body = JSON.stringify({
		type: 'purchase',
		order_id: 'probe',
		user_id: '100000000000000000',
		amount: '1.00',
		currency: 'USD',
	});
	const ts = String(Math.floor(Date.now() / 1000));
	const signature = signatureFor(secret, ts, body);
	const probe = await fetch(`${base}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-foyer-timestamp': ts, 'x-foyer-signature': signature },
		body,
	});
	if (probe.status !== 200) throw new Error(`${path} answered ${probe.status}: ${await probe.text()}`);
}
const probePoints = 1;

const users = Array.from({ length: USERS }, (_, i) => `1${String(i).padStart(17, '0')}`);
// The probe's purchase counts too.
const expected = new Map<string, number>([['100000000000000000', probePoints]]);
let distinct = 1;
const samples: { route: Sample[]; floor: Sample[] } = { route: [], floor: [] };
for (let round = 0; round < ROUNDS; round++) {
	const w = workload({
		total: DELIVERIES,
		duplicates: Math.round(DELIVERIES * 0.3),
		refunds: 0,
		users,
		seed: 100 + round,
		prefix: `bench-${round}`,
	});
	for (const [u, p] of w.expected) expected.set(u, (expected.get(u) ?? 0) + p);
	distinct += w.distinctOrders;
	const bodies = w.deliveries.map((d) => d.body);
	const order = round % 2 === 0 ? (['route', 'floor'] as const) : (['floor', 'route'] as const);
	for (const key of order) {
		const path = key === 'route' ? `/loyalty/${h.guildId}/purchases` : `/bench-floor/${h.guildId}/purchases`;
		const s = await load(`${base}${path}`, secret, bodies);
		samples[key].push(s);
		console.error(
			`round ${round + 1}/${ROUNDS} ${key.padEnd(5)} ${Math.round(s.perSecond)} deliveries/s  p50 ${s.p50} ms  p99 ${s.p99} ms${s.bad ? `  (${s.bad} not 200)` : ''}`,
		);
	}
}

// Exact: every distinct order once, the ledger's sum and the balances equal to what was sent, member by member.
const t = await totals(h.guildId);
const want = [...expected.values()].reduce((a, b) => a + b, 0);
const rows = await sqlOn(plugin.em())('select user_id, points from loyalty_balances where guild_id = ?', [h.guildId]);
const perMember =
	rows.every((r) => Number(r.points) === expected.get(String(r.user_id))) && rows.length === expected.size;
const bad = [...samples.route, ...samples.floor].reduce((n, s) => n + s.bad, 0);
const exact = t.ledger === want && t.balances === want && t.lines === distinct && perMember && bad === 0;

await h.stop();

const fig = (key: 'route' | 'floor', f: keyof Sample) => median(samples[key].map((s) => s[f]));
const perSecond = fig('route', 'perSecond');
const floor = fig('floor', 'perSecond');
console.error(
	`webhook ${Math.round(perSecond)} deliveries/s (p50 ${fig('route', 'p50')} ms, p99 ${fig('route', 'p99')} ms) = ${((perSecond / floor) * 100).toFixed(1)}% of the signature-only floor ${Math.round(floor)}/s; exact totals: ${exact}`,
);
console.log(
	JSON.stringify({
		deliveries_per_s: Math.round(perSecond),
		floor_per_s: Math.round(floor),
		ratio: Number((perSecond / floor).toFixed(3)),
		p50_ms: Number(fig('route', 'p50').toFixed(2)),
		p99_ms: Number(fig('route', 'p99').toFixed(2)),
		floor_p50_ms: Number(fig('floor', 'p50').toFixed(2)),
		floor_p99_ms: Number(fig('floor', 'p99').toFixed(2)),
		exact_totals: exact,
		deliveries_per_round: DELIVERIES,
		duplicates: 0.3,
		concurrency: CONCURRENCY,
		rounds: ROUNDS,
		ledger_lines: t.lines,
		not_200: bad,
		loadavg_1m_before: Number(loadBefore.toFixed(2)),
		loadavg_1m_after: Number((loadavg()[0] as number).toFixed(2)),
		per_round: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map((s) => Math.round(s.perSecond))])),
	}),
);
