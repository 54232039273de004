import { describeOnBackends, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';
import { pressVerify, startGate } from './_gate.ts';

const join = new URL('../../join', import.meta.url);
const autoroles = new URL('../../autoroles', import.meta.url);

/** Join messages and auto roles "wait for verification": they act on verification:verified instead of the join. */
describeOnBackends('join messages and auto roles waiting for verification', (backend) => {
	let h: TestFoyer;
	const welcomes = async (user: string) =>
		(await h.botMessages('welcome')).filter((m) => m.content.includes(`<@${user}>`)).length;
	const settle = () => new Promise((r) => setTimeout(r, 300));

	beforeAll(async () => {
		h = await startGate({ backend, extraPlugins: [join, autoroles] });
		await h.foyer.plugins.updateSettings('join', h.guildId, {
			channel: h.channel('welcome'),
			waitForVerification: true,
		});
		await h.foyer.plugins.updateSettings('autoroles', h.guildId, { waitForVerification: true });
		const added = await h.command(h.demo.adminId, 'autoroles add', { role: h.role('Member') });
		expect(added.content).toMatch(/^Added auto role/);
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('welcomes and gives the auto role once the member is verified, not at the join', async () => {
		const user = await h.join('patient');
		await h.waitFor(async () => (await h.rolesOf(user))?.includes(h.role('Unverified')) ?? false, 'the gate');
		await settle();
		expect(await welcomes(user)).toBe(0);
		expect(await h.rolesOf(user)).toEqual([h.role('Unverified')]);
		await pressVerify(h, user);
		await h.waitFor(async () => (await welcomes(user)) === 1, 'the welcome');
		await h.waitFor(async () => (await h.rolesOf(user))?.includes(h.role('Member')) ?? false, 'the auto role');
		expect(new Set(await h.rolesOf(user))).toEqual(new Set([h.role('Verified'), h.role('Member')]));
	});

	it('welcomes members who skip the gate at once', async () => {
		await plugin.updateSettings(h.guildId, { skipAccountAgeDays: 100 });
		try {
			const user = await h.join({ username: 'old-timer', accountAgeDays: 900 });
			await h.waitFor(async () => (await welcomes(user)) === 1, 'the welcome');
			await h.waitFor(async () => (await h.rolesOf(user))?.includes(h.role('Member')) ?? false, 'the auto role');
		} finally {
			await plugin.updateSettings(h.guildId, { skipAccountAgeDays: 0 });
		}
	});

	it('does not welcome again a member who joined before the gate and is verified by a moderator', async () => {
		const since = (await h.botMessages('welcome')).length;
		await h.command(h.demo.adminId, 'verify member', { user: h.demo.memberId });
		await settle();
		expect((await h.botMessages('welcome')).length).toBe(since);
	});

	it('welcomes at the join when the gate is off in the server', async () => {
		await h.foyer.plugins.setEnabled(plugin.id, h.guildId, false);
		try {
			const user = await h.join('no-gate');
			await h.waitFor(async () => (await welcomes(user)) === 1, 'the welcome at the join');
			await h.waitFor(async () => (await h.rolesOf(user))?.includes(h.role('Member')) ?? false, 'the auto role');
		} finally {
			await h.foyer.plugins.setEnabled(plugin.id, h.guildId, true);
		}
	});

	it('with the option off, welcomes at the join and not again on verification', async () => {
		await h.foyer.plugins.updateSettings('join', h.guildId, { waitForVerification: false });
		try {
			const user = await h.join('eager');
			await h.waitFor(async () => (await welcomes(user)) === 1, 'the welcome at the join');
			await pressVerify(h, user);
			await settle();
			expect(await welcomes(user)).toBe(1);
			expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
		} finally {
			await h.foyer.plugins.updateSettings('join', h.guildId, { waitForVerification: true });
		}
	});
});
