import { describeOnBackends, startTestFoyer, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applySandboxDefaults } from '../src/sandbox/sandbox-defaults.ts';

const PLUGINS = ['join', 'leave', 'join-dm', 'autoroles', 'verification'].map(
	(id) => new URL(`../plugins/${id}`, import.meta.url),
);

/** The suite, as a function of the harness options so that it can run on each backend. */
describeOnBackends('the sandbox demo server of npm start', (backend) => {
	let h: TestFoyer;

	beforeAll(async () => {
		h = await startTestFoyer({ plugins: PLUGINS, backend });
		await applySandboxDefaults(h.foyer, h.emulator);
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('welcomes the first simulated join in #welcome, DMs them and gives them the Member role; says goodbye in #goodbye', async () => {
		const welcome = await h.watch('welcome');
		const joined = await h.join({ username: 'first-visitor', globalName: 'First Visitor' });
		expect((await welcome.next()).content).toContain(`<@${joined}>`);
		await h.waitFor(async () => (await h.dms(joined)).length === 1, 'the join DM');
		await h.waitFor(async () => (await h.rolesOf(joined))?.includes(h.role('Member')) ?? false, 'the Member role');
		const goodbye = await h.watch('goodbye');
		await h.leave(joined);
		expect((await goodbye.next()).content).toContain('First Visitor');
	});

	it('applies the defaults again without duplicating the auto role', async () => {
		await applySandboxDefaults(h.foyer, h.emulator);
		const answer = await h.command(h.demo.ownerId, 'autoroles list');
		expect(answer.content.split(`<@&${h.role('Member')}>`)).toHaveLength(2);
	});

	it('gates the simulated joins at #verification: one verification message with a button, the Unverified role on join', async () => {
		const gateMessages = async () => (await h.botMessages('verification')).length;
		await h.waitFor(async () => (await gateMessages()) === 1, 'the verification message');
		const visitor = await h.join('gated-visitor');
		await h.waitFor(
			async () => (await h.rolesOf(visitor))?.includes(h.role('Unverified')) ?? false,
			'the Unverified role',
		);
		await applySandboxDefaults(h.foyer, h.emulator);
		expect(await gateMessages()).toBe(1);
	});
});
