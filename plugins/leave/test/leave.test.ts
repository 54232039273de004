import { describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';

/** The suite, as a function of the harness options so that it can run on each backend. */
describeOnBackends('leave messages (seed phase 3 test 1)', (backend) => {
	let h: TestFoyer;

	beforeAll(async () => {
		h = await startTestFoyer({ plugins: [new URL('..', import.meta.url)], backend });
		await plugin.updateSettings(h.guildId, { channel: h.channel('goodbye') });
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('says goodbye with placeholders when a member leaves', async () => {
		const joined = await h.join({ username: 'leaver', globalName: 'Leaver' });
		const goodbye = await h.watch('goodbye');
		const count = await h.leave(joined);
		const message = await goodbye.next();
		expect(message.content).toBe(`Leaver has left the server. We are now ${count} members.`);
		// A goodbye names the member; it pings nobody.
		expect([message.pings, message.pingedRoles, message.pingedEveryone]).toEqual([[], [], false]);
	});

	it('sends nothing while the plugin is disabled in the guild', async () => {
		const joined = await h.join('quiet-leaver');
		await h.enable(plugin.id, false);
		const before = (await h.messages('goodbye')).length;
		await h.leave(joined);
		await new Promise((r) => setTimeout(r, 300));
		expect(await h.messages('goodbye')).toHaveLength(before);
		await h.enable(plugin.id, true);
	});
});
