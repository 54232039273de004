import { describeOnBackends, type TestFoyer } from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decidedJoin, inviter, startInvites } from './_tracking.ts';

const JOIN = new URL('../../join/', import.meta.url);

/** %inviter%, %inviter_mention% and %invite_count% in the join plugin's welcome, resolved before it is sent. */
describeOnBackends('invites in the welcome', (backend) => {
	let h: TestFoyer;
	/** The welcome of one member (welcomes of members who joined just before may come in any order). */
	const welcomeOf = async (memberId: string) => {
		const find = async () =>
			(await h.botMessages('welcome')).find((m) => m.content.startsWith(`Welcome <@${memberId}>`));
		await h.waitFor(async () => (await find()) !== undefined, `the welcome of ${memberId}`);
		return (await find()) as NonNullable<Awaited<ReturnType<typeof find>>>;
	};
	beforeAll(async () => {
		h = await startInvites(backend, [JOIN]);
		const admin = await h.dashboard(h.demo.adminId);
		const saved = await admin.form(`/guilds/${h.guildId}/plugins/join/settings`, {
			channel: h.channel('welcome'),
			template: 'Welcome %member_mention%, invited by %inviter_mention% (%inviter%, %invite_count% invites)',
		});
		expect(saved.status).toBe(303);
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('says who invited the member, pinging the inviter and the member only', async () => {
		const a = await inviter(h, 'welcome-inviter');
		await h.join({ username: 'welcome-first', invite: a.code });
		const b = await h.join({ username: 'welcome-second', invite: a.code });
		const message = await welcomeOf(b);
		expect(message.content).toBe(`Welcome <@${b}>, invited by <@${a.id}> (welcome-inviter, 2 invites)`);
		expect([...message.pings].sort()).toEqual([a.id, b].sort());
	});

	it('falls back to the neutral wording when the inviter is not known (vanity URL)', async () => {
		const v = await h.join({ username: 'welcome-vanity', invite: 'vanity' });
		const message = await welcomeOf(v);
		expect(message.content).toBe(`Welcome <@${v}>, invited by someone (someone, 0 invites)`);
		expect(message.pings).toEqual([v]);
		expect((await decidedJoin(h, v)).source).toBe('vanity');
	});
});
