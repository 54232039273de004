import { describeOnBackends, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';
import { gateMessage, gateMessages, MINUTE, pressVerify, startGate } from './_gate.ts';

describeOnBackends('verification gate, button mode', (backend) => {
	let h: TestFoyer;
	let verified: string;
	let unverified: string;
	beforeAll(async () => {
		h = await startGate({ backend });
		verified = h.role('Verified');
		unverified = h.role('Unverified');
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('keeps one verification message with a Verify button, whoever joins', async () => {
		const message = await gateMessage(h);
		expect(message.raw.flags).toBe(1 << 15);
		expect(JSON.stringify(message.components)).toContain('Verify');
		await h.join('one');
		await h.join('two');
		expect(await gateMessages(h)).toHaveLength(1);
	});

	it('gives the unverified role on join; the button takes it away and gives the verified role in one call, then welcomes', async () => {
		const user = await h.join({ username: 'newcomer', globalName: 'Newcomer' });
		await h.waitFor(async () => (await h.rolesOf(user))?.includes(unverified) ?? false, 'the unverified role');
		const since = await h.lastRequestId();
		const answer = await pressVerify(h, user);
		expect(answer.raw.ephemeral).toBe(true);
		expect(answer.content).toMatch(/You are verified/);
		expect(await h.rolesOf(user)).toEqual([verified]);
		const roleCalls = (await h.requests(since)).filter((r) => r.route.includes('/members/'));
		expect(roleCalls.map((r) => `${r.method} ${r.route}`)).toEqual(['PATCH /guilds/:guild_id/members/:user_id']);
		await h.waitFor(
			async () => (await h.botMessages('verification')).some((m) => m.content.includes(`<@${user}>`)),
			'the welcome after verification',
		);
		const welcome = (await h.botMessages('verification')).find((m) => m.content.includes(`<@${user}>`));
		expect(welcome?.content).toBe(`Welcome <@${user}>, you are verified! Enjoy **Foyer Demo**.`);
		expect(welcome?.pings).toEqual([user]);
	});

	it('answers a member who is already verified without changing anything', async () => {
		const user = await h.join('twice');
		await pressVerify(h, user);
		const since = await h.lastRequestId();
		const again = await pressVerify(h, user);
		expect(again.content).toBe('You are already verified.');
		expect((await h.requests(since)).filter((r) => r.route.includes('/members/'))).toEqual([]);
	});

	it('removes a member who has not verified within 10 minutes, and says why in the log channel', async () => {
		const user = await h.join('sleepy');
		await h.waitFor(async () => (await h.rolesOf(user))?.includes(unverified) ?? false, 'the unverified role');
		await h.clock.advance(9 * MINUTE);
		expect(await h.rolesOf(user)).not.toBeNull();
		await h.clock.advance(MINUTE);
		await h.waitFor(async () => (await h.rolesOf(user)) === null, 'the removal');
		await h.waitFor(
			async () => (await h.botMessages('bot-log')).some((m) => m.content.includes(`<@${user}>`)),
			'the log line',
		);
		const line = (await h.botMessages('bot-log')).find((m) => m.content.includes(`<@${user}>`));
		expect(line?.content).toContain('Not verified within 10 minutes.');
		expect(line?.pings).toEqual([]);
		// 'one' and 'two' of the first test never verified either; the verified members stay.
		expect((await plugin.counters.read(h.guildId)).kicked).toBe(3);
	});
});
