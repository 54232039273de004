import { describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';

describeOnBackends('Hello world plugin', (backend) => {
	let h: TestFoyer;

	beforeAll(async () => {
		h = await startTestFoyer({ plugins: [new URL('..', import.meta.url)], backend });
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('answers /hello-world with the greeting from its settings', async () => {
		expect((await h.command(h.demo.memberId, 'hello-world')).content).toBe(
			'Hello, Demo Member! Members who joined so far: 0.',
		);
		expect((await plugin.updateSettings(h.guildId, { greeting: 'Welcome' })).ok).toBe(true);
		const reply = await h.command(h.demo.memberId, 'hello-world');
		expect(reply.content).toMatch(/^Welcome, Demo Member!/);
		expect(reply.ephemeral).toBe(true);
	});

	it('counts members who join, and shows the count on its dashboard page', async () => {
		await h.join('first');
		await h.join('second');
		await h.waitFor(async () => (await plugin.counters.read(h.guildId)).joins === 2, 'two joins counted');
		const page = await (await h.dashboard()).page(`/${plugin.id}/${h.guildId}`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('<dt>Members who joined</dt><dd>2</dd>');
	});

	it('keeps working after a hot reload', async () => {
		await h.reload(plugin.id);
		expect((await h.command(h.demo.memberId, 'hello-world')).content).toMatch(/Members who joined so far: 2\.$/);
	});
});
