// Load generator for bench/loyalty.ts, in its own thread so that it does not share Foyer's event
// loop: sends every body once, `concurrency` at a time over keep-alive connections, each signed
// when sent (as a shop does), and reports each request's latency and status.
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { url, secret, bodies, concurrency } = workerData;
const target = new URL(url);
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function send(body) {
	return new Promise((resolve, reject) => {
		const ts = String(Math.floor(Date.now() / 1000));
		const signature = `sha256=${createHmac('sha256', secret).update(`${ts}.`).update(body).digest('hex')}`;
		const started = performance.now();
		const req = request(
			{
				agent,
				host: target.hostname,
				port: target.port,
				path: target.pathname,
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body),
					'x-foyer-timestamp': ts,
					'x-foyer-signature': signature,
				},
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

const latencies = new Array(bodies.length);
const statuses = {};
let next = 0;
const started = performance.now();
await Promise.all(
	Array.from({ length: concurrency }, async () => {
		while (next < bodies.length) {
			const i = next++;
			const { status, ms } = await send(bodies[i]);
			latencies[i] = ms;
			statuses[status] = (statuses[status] ?? 0) + 1;
		}
	}),
);
const elapsedMs = performance.now() - started;
agent.destroy();
parentPort.postMessage({ latencies, statuses, elapsedMs });
