/**
 * npm run bench:dashboard
 *
 * Requests per second and latency of the guild overview page (GET /guilds/<id>) for a logged-in admin
 * (the demo guild's owner, session cookie), with autocannon at 50 connections, against two floors
 * measured in the same run and serving the page's exact bytes:
 * - plugin-api floor: a bare `access: 'public'` route in the same Foyer process and plugin-api server
 *   (so plugin-api's own middlewares run, the dashboard guard returns at once);
 * - http floor: a bare node:http server in the same process.
 * The load runs in an autocannon worker thread so that it does not share the servers' event loop.
 * Main-thread CPU time per request (process.threadCpuUsage / requests) is reported too: on this
 * shared 2-core machine it moves far less with the neighbours' load than req/s does.
 * Each round measures the three targets one after the other (order rotated per round), each with a
 * warm-up, and takes the median per-second sample; figures are medians across rounds.
 * Last line: one JSON object.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { container } from '@sapphire/framework';
import { Route } from '@sapphire/plugin-api';
import autocannon from 'autocannon';
import { DashboardClient } from '../src/testing/dashboard-client.ts';
import { startFoyerWithEmulator } from '../src/testing/foyer-harness.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TARGET = { ratio: 0.6, p99_ms: 25 };

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

interface Sample {
	rps: number;
	p50: number;
	p99: number;
	bad: number;
	/** Main-thread CPU time per request (µs): the servers' own cost, much less sensitive to the neighbours' load. */
	us: number;
}

async function cannon(url: string, headers: Record<string, string>): Promise<Sample> {
	// One worker thread: the load generator must not compete with the servers for the main thread.
	const options = { url, headers, connections: CONNECTIONS, workers: 1 };
	await autocannon({ ...options, duration: WARMUP_SECONDS });
	const before = process.threadCpuUsage();
	const result = await autocannon({ ...options, duration: SECONDS });
	const cpu = process.threadCpuUsage(before);
	return {
		// The median per-second sample, not the mean: one slow second (GC, a neighbour) should not decide.
		rps: result.requests.p50,
		p50: result.latency.p50,
		p99: result.latency.p99,
		bad: result.errors + result.timeouts + result.non2xx,
		us: (cpu.user + cpu.system) / Math.max(1, result.requests.total),
	};
}

const loadBefore = loadavg()[0] as number;
const h = await startFoyerWithEmulator(['greeter']);
const owner = h.emulator.demo?.owner.id as string;
const base = h.foyer.httpUrl;
const client = await DashboardClient.login(base, owner);
const pagePath = `/guilds/${h.guildId}`;
const first = await client.page(pagePath);
if (first.status !== 200) throw new Error(`overview answered ${first.status}`);
const bytes = Buffer.from(await first.arrayBuffer());
const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

// (3) plugin-api floor: a public route of the same server returning the same bytes.
class BenchFloorRoute extends Route {
	constructor(context: Route.LoaderContext) {
		super(context, { route: 'bench-floor', methods: ['GET'], access: 'public' });
	}
	override run(_request: Route.Request, response: Route.Response) {
		response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': bytes.length }).end(bytes);
	}
}
await container.stores.loadPiece({ store: 'routes', name: 'bench:floor', piece: BenchFloorRoute });

// (2) http floor: node:http, same bytes, same process.
const http = createServer((_request, response) => {
	response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': bytes.length });
	response.end(bytes);
});
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

const targets = [
	{ key: 'overview', url: `${base}${pagePath}`, headers: { cookie } },
	{ key: 'plugin_api_floor', url: `${base}/bench-floor`, headers: {} },
	{ key: 'http_floor', url: `${httpUrl}/`, headers: {} },
] as const;
type Key = (typeof targets)[number]['key'];

// Every target must serve the page's exact bytes before it is measured.
for (const t of targets) {
	const got = Buffer.from(await (await fetch(t.url, { headers: t.headers })).arrayBuffer());
	if (!got.equals(bytes))
		throw new Error(`${t.key} does not serve the overview's bytes (${got.length} vs ${bytes.length})`);
}

const samples: Record<Key, Sample[]> = { overview: [], plugin_api_floor: [], http_floor: [] };
for (let round = 0; round < ROUNDS; round++) {
	for (let i = 0; i < targets.length; i++) {
		const t = targets[(i + round) % targets.length] as (typeof targets)[number];
		const s = await cannon(t.url, t.headers);
		samples[t.key].push(s);
		console.error(
			`round ${round + 1}/${ROUNDS} ${t.key.padEnd(16)} ${Math.round(s.rps)} req/s  p50 ${s.p50} ms  p99 ${s.p99} ms  ${Math.round(s.us)} µs/req${s.bad ? `  (${s.bad} bad)` : ''}`,
		);
	}
}

// The session must still be the admin's: a redirect to /login would measure the wrong page.
const after = await client.request('GET', pagePath);
const stillAdmin = after.status === 200 && Buffer.from(await after.arrayBuffer()).equals(bytes);

http.closeAllConnections();
await new Promise<void>((resolve) => http.close(() => resolve()));
await h.stop();

const fig = (key: Key, f: keyof Sample) => median(samples[key].map((s) => s[f]));
const rps = fig('overview', 'rps');
const floorRps = fig('plugin_api_floor', 'rps');
const httpFloorRps = fig('http_floor', 'rps');
const p50 = fig('overview', 'p50');
const p99 = fig('overview', 'p99');
const bad = Object.values(samples)
	.flat()
	.reduce((n, s) => n + s.bad, 0);
const ratio = rps / floorRps;

console.error(
	`overview ${Math.round(rps)} req/s (p50 ${p50} ms, p99 ${p99} ms) = ${(ratio * 100).toFixed(1)}% of plugin-api floor ${Math.round(floorRps)} req/s; node:http floor ${Math.round(httpFloorRps)} req/s`,
);
const summary = {
	rps: Math.round(rps),
	floor_rps: Math.round(floorRps),
	http_floor_rps: Math.round(httpFloorRps),
	ratio: Number(ratio.toFixed(3)),
	p50_ms: p50,
	p99_ms: p99,
	floor_p50_ms: fig('plugin_api_floor', 'p50'),
	floor_p99_ms: fig('plugin_api_floor', 'p99'),
	http_floor_p99_ms: fig('http_floor', 'p99'),
	floor_ratio_to_http: Number((floorRps / httpFloorRps).toFixed(3)),
	// Main-thread CPU per request; floor_us / us estimates the req/s ratio when the server is the bottleneck.
	us_per_req: Math.round(fig('overview', 'us')),
	floor_us_per_req: Math.round(fig('plugin_api_floor', 'us')),
	http_floor_us_per_req: Math.round(fig('http_floor', 'us')),
	cost_ratio: Number((fig('plugin_api_floor', 'us') / fig('overview', 'us')).toFixed(3)),
	bad_responses: bad,
	session_still_valid: stillAdmin,
	page_bytes: bytes.length,
	connections: CONNECTIONS,
	duration_s: SECONDS,
	warmup_s: WARMUP_SECONDS,
	rounds: ROUNDS,
	loadavg_1m_before: Number(loadBefore.toFixed(2)),
	loadavg_1m_after: Number((loadavg()[0] as number).toFixed(2)),
	per_round: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map((s) => Math.round(s.rps))])),
	targets: { ratio: TARGET.ratio, p99_ms: TARGET.p99_ms },
	// A run with failed or redirected requests measured errors, not the page: it cannot meet the targets.
	targets_met: bad === 0 && stillAdmin && ratio >= TARGET.ratio && p99 <= TARGET.p99_ms,
};
console.log(JSON.stringify(summary));
