import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFoyerWithEmulator } from '../../src/testing/foyer-harness.ts';
import { waitUntil } from '../helpers/wait.ts';

type Harness = Awaited<ReturnType<typeof startFoyerWithEmulator>>;
const g = globalThis as Record<string, unknown>;

describe('embedded scheduler running plugin ScheduledTask pieces', () => {
	let h: Harness;
	const contents = () => [...h.emulator.world.channel(h.generalId).messages.values()].map((m) => m.content);

	beforeAll(async () => {
		h = await startFoyerWithEmulator(['reminder']);
	});
	afterAll(async () => {
		await h?.stop();
	});

	it('runs a delayed task scheduled by a listener', async () => {
		await h.control.join(h.guildId, { user: { username: 'ann-100ms' } });
		await waitUntil(() => contents().includes('reminder for ann-100ms'));
	});

	it('cancels a keyed task: a member who leaves before the delay gets no reminder', async () => {
		const joined = await h.control.join(h.guildId, { user: { username: 'ben-400ms' } });
		await new Promise((r) => setTimeout(r, 50));
		await h.control.leave(h.guildId, joined.user.id);
		await new Promise((r) => setTimeout(r, 700));
		expect(contents()).not.toContain('reminder for ben-400ms');
	});

	it('retries a failing task and logs the failure under the plugin id', async () => {
		await h.control.join(h.guildId, { user: { username: 'flaky-50ms' } });
		await waitUntil(() => contents().includes('reminder for flaky-50ms'), 8000);
		expect(h.logs.some((l) => l.plugin === 'reminder' && String(l.msg).includes('retrying'))).toBe(true);
	});

	it('runs a task on a cron pattern', async () => {
		const start = Number(g.__chimes) || 0;
		await waitUntil(() => (Number(g.__chimes) || 0) >= start + 2, 4000);
	});

	it('runs a repeating task while its plugin is loaded, and stops it on unload', async () => {
		const start = Number(g.__ticks) || 0;
		await waitUntil(() => (Number(g.__ticks) || 0) >= start + 3);
		await h.foyer.plugins.unload('reminder');
		await new Promise((r) => setTimeout(r, 350));
		const after = Number(g.__ticks) || 0;
		await new Promise((r) => setTimeout(r, 400));
		expect(Number(g.__ticks) || 0).toBe(after);
	});
});
