import { GuildMemberFlags } from 'discord.js';
import { describeOnBackends, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';
import { gateMessage, gateMessages, MINUTE, pressVerify, startGate } from './_gate.ts';

describeOnBackends('the gate: screening, skips, modes and its message', (backend) => {
	let h: TestFoyer;
	const memberCalls = async (since: number) =>
		(await h.requests(since)).filter((r) => r.route.startsWith('/guilds/:guild_id/members/'));
	beforeAll(async () => {
		h = await startGate({ backend });
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('lets members under Discord’s membership screening wait: no role before they complete it, the gate after', async () => {
		await h.control.setGuildSettings(h.guildId, { screening: true });
		try {
			const since = await h.lastRequestId();
			const user = await h.join('screened');
			await h.waitFor(
				async () => (await plugin.service('verification').isWaiting(h.guildId, user)) === true,
				'the row',
			);
			const page = await (await (await h.dashboard()).page(`/verification/${h.guildId}`)).text();
			expect(page).toContain('In Discord’s membership screening');
			await h.clock.advance(15 * MINUTE);
			expect(await h.rolesOf(user)).toEqual([]);
			expect(await memberCalls(since)).toEqual([]);
			await h.control.completeScreening(h.guildId, user);
			await h.waitFor(async () => (await h.rolesOf(user))?.includes(h.role('Unverified')) ?? false, 'the gate');
			// The deadline counts from the end of the screening.
			await h.clock.advance(9 * MINUTE);
			expect(await h.rolesOf(user)).toEqual([h.role('Unverified')]);
			await h.clock.advance(MINUTE);
			await h.waitFor(async () => (await h.rolesOf(user)) === null, 'the removal');
		} finally {
			await h.control.setGuildSettings(h.guildId, { screening: false });
		}
	});

	it('lets old accounts skip the gate when configured: the verified role at once, new accounts gated', async () => {
		await plugin.updateSettings(h.guildId, { skipAccountAgeDays: 30 });
		try {
			const old = await h.join({ username: 'veteran', accountAgeDays: 400 });
			const fresh = await h.join({ username: 'fresh', accountAgeDays: 2 });
			await h.waitFor(async () => (await h.rolesOf(old))?.includes(h.role('Verified')) ?? false, 'the skip');
			await h.waitFor(async () => (await h.rolesOf(fresh))?.includes(h.role('Unverified')) ?? false, 'the gate');
			expect(await h.rolesOf(old)).toEqual([h.role('Verified')]);
			expect((await plugin.counters.read(h.guildId)).skipped).toBe(1);
		} finally {
			await plugin.updateSettings(h.guildId, { skipAccountAgeDays: 0 });
		}
	});

	it('lets a waiting member through when a moderator marks them "bypasses verification"', async () => {
		const user = await h.join('trusted');
		await h.waitFor(async () => (await h.rolesOf(user))?.includes(h.role('Unverified')) ?? false, 'the gate');
		// As a moderator would in Discord's member settings (the emulator's control API has no flags).
		const guild = h.foyer.client.guilds.cache.get(h.guildId);
		await guild?.members.edit(user, { flags: GuildMemberFlags.BypassesVerification });
		await h.waitFor(async () => (await h.rolesOf(user))?.includes(h.role('Verified')) ?? false, 'the bypass');
		expect(await h.rolesOf(user)).toEqual([h.role('Verified')]);
		expect(await plugin.service('verification').isWaiting(h.guildId, user)).toBe(false);
	});

	it('never gates bots', async () => {
		const bot = await h.join({ username: 'helper-bot', bot: true });
		await new Promise((r) => setTimeout(r, 200));
		expect(await h.rolesOf(bot)).toEqual([]);
		expect(await plugin.service('verification').isWaiting(h.guildId, bot)).toBe(false);
	});

	it('posts the verification message again when it is deleted, and edits it in place when the settings change', async () => {
		const first = await gateMessage(h);
		// Deleted as a moderator or a cleanup bot would (the emulator's control API deletes no messages).
		const channel = h.foyer.client.channels.cache.get(first.channelId);
		if (channel?.isTextBased()) await channel.messages.delete(first.id);
		await h.waitFor(async () => (await gateMessages(h)).some((m) => m.id !== first.id), 'the new message');
		const second = await gateMessage(h);
		expect(await gateMessages(h)).toHaveLength(1);
		const since = await h.lastRequestId();
		await plugin.updateSettings(h.guildId, { buttonLabel: 'Let me in' });
		await h.waitFor(async () => JSON.stringify((await gateMessage(h)).components).includes('Let me in'), 'the edit');
		expect((await gateMessage(h)).id).toBe(second.id);
		const writes = (await h.requests(since)).filter((r) => r.method !== 'GET');
		expect(writes.map((r) => `${r.method} ${r.route}`)).toEqual(['PATCH /channels/:channel_id/messages/:message_id']);
		// Saving without a change of the message costs nothing.
		const quiet = await h.lastRequestId();
		await plugin.updateSettings(h.guildId, { timeoutMinutes: 10 });
		await new Promise((r) => setTimeout(r, 200));
		expect((await h.requests(quiet)).filter((r) => r.method !== 'GET')).toEqual([]);
	});

	it('in reaction mode, shows no button and reacts with the emoji itself', async () => {
		await plugin.updateSettings(h.guildId, { mode: 'reaction' });
		try {
			await h.waitFor(async () => !JSON.stringify((await gateMessage(h)).components).includes('"type":2'), 'no button');
			await h.waitFor(
				async () => JSON.stringify((await gateMessage(h)).raw.reactions ?? []).includes('✅'),
				'the bot’s reaction',
			);
		} finally {
			await plugin.updateSettings(h.guildId, { mode: 'button' });
		}
	});

	it('"verified role only": nothing given on join, one PUT of the verified role on verification', async () => {
		await plugin.updateSettings(h.guildId, { unverifiedRole: null });
		try {
			const since = await h.lastRequestId();
			const user = await h.join('only-verified');
			await h.waitFor(
				async () => (await plugin.service('verification').isWaiting(h.guildId, user)) === true,
				'the row',
			);
			expect(await memberCalls(since)).toEqual([]);
			const answer = await pressVerify(h, user);
			expect(answer.content).toMatch(/You are verified/);
			expect(await h.rolesOf(user)).toEqual([h.role('Verified')]);
			expect((await memberCalls(since)).map((r) => `${r.method} ${r.route}`)).toEqual([
				'PUT /guilds/:guild_id/members/:user_id/roles/:role_id',
			]);
		} finally {
			await plugin.updateSettings(h.guildId, { unverifiedRole: h.role('Unverified') });
		}
	});

	it('takes its message away when switched off in the server', async () => {
		await h.foyer.plugins.setEnabled(plugin.id, h.guildId, false);
		await h.waitFor(async () => (await gateMessages(h)).length === 0, 'the message removed');
		await h.foyer.plugins.setEnabled(plugin.id, h.guildId, true);
		await h.waitFor(async () => (await gateMessages(h)).length === 1, 'the message back');
		expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
	});
});
