import { afterAll, beforeAll, expect, it } from 'vitest';
import { BullMqScheduler } from '../../src/core/scheduling/bullmq-scheduler.ts';
import { startFoyerWithEmulator } from '../../src/testing/foyer-harness.ts';
import { describeWithRedis } from '../helpers/services.ts';
import { waitUntil } from '../helpers/wait.ts';

const g = globalThis as Record<string, unknown>;

describeWithRedis('BullMQ scheduler (REDIS_URL) running the same ScheduledTask pieces', (url) => {
	let h: Awaited<ReturnType<typeof startFoyerWithEmulator>>;
	let scheduler: BullMqScheduler;
	const contents = () => [...h.emulator.world.channel(h.generalId).messages.values()].map((m) => m.content);

	beforeAll(async () => {
		h = await startFoyerWithEmulator(['reminder'], {
			scheduler: (logger) => {
				scheduler = new BullMqScheduler(url, logger, `foyer-test-${process.pid}-${Date.now()}`);
				return scheduler;
			},
		});
	});
	afterAll(async () => {
		if (scheduler) await scheduler.handler.client.obliterate({ force: true }).catch(() => undefined);
		await h?.stop();
	});

	it('runs a delayed task through Redis', async () => {
		await h.control.join(h.guildId, { user: { username: 'redis-ann-100ms' } });
		await waitUntil(() => contents().includes('reminder for redis-ann-100ms'));
	});

	it('cancels a keyed job', async () => {
		const joined = await h.control.join(h.guildId, { user: { username: 'redis-ben-600ms' } });
		await new Promise((r) => setTimeout(r, 50));
		await h.control.leave(h.guildId, joined.user.id);
		await new Promise((r) => setTimeout(r, 1000));
		expect(contents()).not.toContain('reminder for redis-ben-600ms');
	});

	it('creates the repeating job for the loaded plugin and removes it from Redis on unload', async () => {
		await waitUntil(async () =>
			(await scheduler.handler.client.getRepeatableJobs()).some((j) => j.name === 'reminder:tick'),
		);
		const chime = (await scheduler.handler.client.getRepeatableJobs()).find((j) => j.name === 'reminder:chime');
		expect(chime?.pattern).toBe('* * * * * *');
		const start = Number(g.__ticks) || 0;
		await waitUntil(() => (Number(g.__ticks) || 0) > start);
		await h.foyer.plugins.unload('reminder');
		await waitUntil(
			async () => !(await scheduler.handler.client.getRepeatableJobs()).some((j) => j.name.startsWith('reminder:')),
		);
	});
});
