import { RESTEvents } from 'discord.js';
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { FoyerClient } from '../client.ts';
import type { Continuity } from '../continuity/continuity.ts';
import type { MessageCoalescer } from '../messaging/message-coalescer.ts';
import type { Scheduler } from '../scheduling/job.ts';

export interface MetricsSources {
	client: FoyerClient;
	continuity: Continuity;
	scheduler: Scheduler;
	coalescer: MessageCoalescer;
}

/** Runs a probe at scrape time without letting a hung backend hang the scrape. */
async function probe<T>(fn: () => Promise<T>, ms = 1_000): Promise<T | null> {
	let timer: NodeJS.Timeout | undefined;
	try {
		return await Promise.race([
			fn(),
			new Promise<null>((resolve) => {
				timer = setTimeout(() => resolve(null), ms);
			}),
		]);
	} catch {
		return null;
	} finally {
		clearTimeout(timer);
	}
}

/**
 * Foyer's Prometheus metrics (GET /metrics with METRICS_ENABLED=true), in a registry of its own:
 * events delivered and deduplicated, effects by outcome and still pending, REST responses by route
 * and status (429s included) and rate-limit waits by route and bucket, gateway latency and the
 * committed sequence per shard, scheduler backlog and lag, members waiting in the coalescer.
 */
export class FoyerMetrics {
	readonly registry = new Registry();

	constructor(sources: MetricsSources) {
		const { client, continuity, scheduler, coalescer } = sources;
		const registers = [this.registry];
		collectDefaultMetrics({ register: this.registry });
		const ledger = continuity.ledger;
		const effects = continuity.effects;
		new Counter({
			name: 'foyer_events_total',
			help: 'Member events by outcome: delivered to the plugins, or skipped as already delivered',
			labelNames: ['outcome'],
			registers,
			collect() {
				this.reset();
				this.inc({ outcome: 'delivered' }, ledger.stats.delivered);
				this.inc({ outcome: 'duplicate' }, ledger.stats.duplicates);
			},
		});
		new Gauge({
			name: 'foyer_events_in_flight',
			help: 'Events delivered whose plugin listeners have not settled',
			registers,
			collect() {
				this.set(ledger.inFlight);
			},
		});
		new Counter({
			name: 'foyer_effects_total',
			help: 'Durable effects by outcome (recorded, done, failed, deduplicated, recovered at start)',
			labelNames: ['outcome'],
			registers,
			collect() {
				this.reset();
				for (const [outcome, n] of Object.entries(effects.stats)) this.inc({ outcome }, n);
			},
		});
		new Gauge({
			name: 'foyer_effects_in_flight',
			help: 'Effects recorded and being carried out',
			registers,
			collect() {
				this.set(effects.inFlight);
			},
		});
		new Gauge({
			name: 'foyer_effects_pending_writes',
			help: 'Outbox writes waiting (grows while the database is unavailable)',
			registers,
			collect() {
				this.set(effects.waitingWrites);
			},
		});
		const responses = new Counter({
			name: 'foyer_rest_responses_total',
			help: 'Discord REST responses by route and status (429 included)',
			labelNames: ['method', 'route', 'status'],
			registers,
		});
		const waits = new Counter({
			name: 'foyer_rest_rate_limit_waits_total',
			help: 'Requests discord.js held back for a rate limit, by route and bucket',
			labelNames: ['route', 'bucket', 'scope'],
			registers,
		});
		client.rest.on(RESTEvents.Response, (request, response) =>
			responses.inc({ method: request.method, route: request.route, status: String(response.status) }),
		);
		client.rest.on(RESTEvents.RateLimited, (info) =>
			waits.inc({ route: info.route, bucket: info.hash, scope: info.scope ?? (info.global ? 'global' : 'user') }),
		);
		new Gauge({
			name: 'foyer_gateway_latency_ms',
			help: 'Heartbeat round trip per shard',
			labelNames: ['shard'],
			registers,
			collect() {
				for (const [id, shard] of client.ws.shards) this.set({ shard: String(id) }, shard.ping);
			},
		});
		new Gauge({
			name: 'foyer_gateway_committed_sequence',
			help: 'Per shard, the gateway sequence up to which every event was handled (where a restart resumes)',
			labelNames: ['shard'],
			registers,
			collect() {
				for (const [id, seq] of continuity.tracker.committed()) this.set({ shard: String(id) }, seq);
			},
		});
		new Gauge({
			name: 'foyer_scheduler_pending_jobs',
			help: 'One-off jobs waiting to run',
			registers,
			async collect() {
				const n = await probe(() => scheduler.pending());
				if (n !== null) this.set(n);
			},
		});
		new Gauge({
			name: 'foyer_scheduler_lag_seconds',
			help: 'How late the most overdue job is (0 when none is overdue)',
			registers,
			async collect() {
				const lag = scheduler.lagMs ? await probe(() => (scheduler.lagMs as () => Promise<number>)()) : null;
				if (lag !== null) this.set(lag / 1000);
			},
		});
		new Gauge({
			name: 'foyer_member_messages_waiting',
			help: 'Welcomes and goodbyes held for a combined message',
			registers,
			collect() {
				this.set(coalescer.waiting);
			},
		});
	}

	get contentType(): string {
		return this.registry.contentType;
	}

	render(): Promise<string> {
		return this.registry.metrics();
	}
}
