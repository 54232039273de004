import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Backend, describeOnBackends } from '../src/testing/backends.ts';
import { startFoyerWithEmulator } from '../src/testing/foyer-harness.ts';
import { waitUntil } from './helpers/wait.ts';

describeOnBackends('health, readiness and metrics for operators', (backend: Backend) => {
	let h: Awaited<ReturnType<typeof startFoyerWithEmulator>>;
	const get = (path: string) => fetch(`${h.foyer.httpUrl}${path}`, { redirect: 'manual' });

	beforeAll(async () => {
		h = await startFoyerWithEmulator(['join'], { from: 'plugins', metrics: true, ...(await backend.harnessOptions()) });
	});
	afterAll(async () => {
		await h?.stop().catch(() => undefined);
		await backend.cleanup();
	});

	it('answers /health without a login, saying nothing but ok', async () => {
		const response = await get('/health');
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ status: 'ok' });
		expect(response.headers.get('set-cookie')).toBeNull();
	});

	it('answers /ready with the gateway, database and scheduler checks, and nothing else', async () => {
		const response = await get('/ready');
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({
			status: 'ready',
			checks: { gateway: 'ok', database: 'ok', scheduler: 'ok' },
		});
	});

	it('serves Prometheus metrics: events, effects, REST responses by route, gateway, scheduler', async () => {
		const joined = await h.control.join(h.guildId, { user: { username: 'metered' } });
		await h.control.join(h.guildId, { user_id: joined.user.id, duplicate: true });
		await waitUntil(async () =>
			(await (await get('/metrics')).text()).includes('foyer_events_total{outcome="duplicate"} 1'),
		);
		const response = await get('/metrics');
		expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
		const text = await response.text();
		expect(text).toMatch(/^foyer_events_total\{outcome="delivered"\} [1-9]/m);
		expect(text).toMatch(/^foyer_effects_total\{outcome="done"\} [1-9]/m);
		expect(text).toMatch(
			/^foyer_rest_responses_total\{method="POST",route="\/channels\/:id\/messages",status="200"\} [1-9]/m,
		);
		expect(text).toMatch(/^foyer_gateway_latency_ms\{shard="0"\} /m);
		expect(text).toMatch(/^foyer_scheduler_pending_jobs 0$/m);
		expect(text).toMatch(/^foyer_gateway_committed_sequence\{shard="0"\} [1-9]/m);
	});
});

describe('metrics left off (the default)', () => {
	let h: Awaited<ReturnType<typeof startFoyerWithEmulator>>;
	beforeAll(async () => {
		h = await startFoyerWithEmulator([]);
	});
	afterAll(async () => {
		await h?.stop();
	});

	it('answers /metrics with 404, while /health and /ready still answer', async () => {
		expect((await fetch(`${h.foyer.httpUrl}/metrics`)).status).toBe(404);
		expect((await fetch(`${h.foyer.httpUrl}/health`)).status).toBe(200);
		expect((await fetch(`${h.foyer.httpUrl}/ready`)).status).toBe(200);
	});
});
