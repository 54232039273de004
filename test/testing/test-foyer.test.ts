import { describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const fixture = (id: string) => new URL(`../fixtures/plugins/${id}`, import.meta.url);
const DAY = 24 * 60 * 60_000;
const MESSAGES = 'POST /channels/:channel_id/messages';

describeOnBackends(
	'foyer/testing: a Foyer for one plugin folder, with a clock that runs days in milliseconds',
	(backend) => {
		let h: TestFoyer;

		beforeAll(async () => {
			h = await startTestFoyer({ plugins: [fixture('later'), fixture('greeter')], backend });
		});
		afterAll(async () => {
			await h?.stop();
			await backend.cleanup();
		});

		it('runs a job due in three days once the test clock has moved three days, and not a minute before', async () => {
			const started = Date.now();
			const username = `remind-me-${3 * DAY}ms`;
			await h.join(username);
			await h.waitFor(async () => (await h.pendingJobs()) > 0, 'the reminder scheduled');
			// The greeter says hello at once; the reminder comes later.
			await h.waitFor(async () => (await h.botMessages('general')).some((m) => m.content === `hello ${username}`));
			const general = await h.watch('general');
			const since = await h.lastRequestId();
			await h.clock.advance(3 * DAY - 60_000);
			expect((await h.botMessages('general')).map((m) => m.content)).not.toContain(`reminder for ${username}`);
			await h.clock.advance(60_000);
			// advance() resolves once the jobs that fell due have run: the message is there already.
			expect((await h.botMessages('general')).at(-1)?.content).toBe(`reminder for ${username}`);
			expect((await general.next()).content).toBe(`reminder for ${username}`);
			expect(await h.requestCounts(since)).toEqual({ [MESSAGES]: 1 });
			// Three days of Foyer's time took seconds of the test's.
			expect(Date.now() - started).toBeLessThan(DAY);
			expect(h.clock.now() - Date.now()).toBeGreaterThanOrEqual(3 * DAY - 1_000);
		});

		it('keeps a pending job across a restart on the same database, and runs it when due', async () => {
			const username = `remind-me-${2 * DAY}ms`;
			await h.join(username);
			await h.waitFor(async () => (await h.pendingJobs()) > 0, 'the reminder scheduled');
			await h.restart();
			await h.clock.advance(2 * DAY);
			expect((await h.botMessages('general')).at(-1)?.content).toBe(`reminder for ${username}`);
		});

		it('cancels a keyed job when its member leaves: nothing runs when its time comes', async () => {
			const username = `remind-me-${DAY}ms`;
			const user = await h.join(username);
			await h.waitFor(async () => (await h.pendingJobs()) > 0, 'the reminder scheduled');
			await h.leave(user);
			await h.waitFor(async () => (await h.pendingJobs()) === 0, 'the reminder cancelled');
			const since = await h.lastRequestId();
			await h.clock.advance(2 * DAY);
			expect(await h.requestCounts(since)).toEqual({});
		});

		it('reads what the bot registered and what it answered, without emulator internals', async () => {
			expect((await h.registeredCommand('greet'))?.description).toBe('Greets you');
			const reply = await h.command(h.demo.memberId, 'greet');
			expect(reply.content).toBe('hi demo-member');
			expect(reply.pings).toEqual([]);
			expect(reply.components).toHaveLength(1);
			expect(await h.rolesOf(h.botId)).not.toBeNull();
			expect(await h.rolesOf('1'.repeat(18))).toBeNull();
			expect(h.errors()).toEqual([]);
		});
	},
);

describe('foyer/testing without a database', () => {
	it('refuses to restart, saying why, and runs the plugin all the same', async () => {
		const bare = await startTestFoyer({ plugins: [fixture('greeter')], database: false });
		try {
			await expect(bare.restart()).rejects.toThrow(/needs a database/);
			expect((await bare.command(bare.demo.memberId, 'greet')).content).toBe('hi demo-member');
		} finally {
			await bare.stop();
		}
	});
});
