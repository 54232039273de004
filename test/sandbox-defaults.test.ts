import { afterAll, beforeAll, expect, it } from 'vitest';
import { applySandboxDefaults } from '../src/sandbox/sandbox-defaults.ts';
import { type Backend, describeOnBackends } from '../src/testing/backends.ts';
import { startFoyerWithEmulator } from '../src/testing/foyer-harness.ts';
import { waitUntil } from './helpers/wait.ts';

describeOnBackends('the sandbox demo server of npm start', (backend: Backend) => {
	let h: Awaited<ReturnType<typeof startFoyerWithEmulator>>;

	beforeAll(async () => {
		const backendOptions = await backend.harnessOptions();
		h = await startFoyerWithEmulator(['join', 'leave', 'join-dm', 'autoroles', 'verification'], {
			from: 'plugins',
			...backendOptions,
		});
		await applySandboxDefaults(h.foyer, h.emulator);
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('welcomes the first simulated join in #welcome, DMs them and gives them the Member role; says goodbye in #goodbye', async () => {
		const demo = h.emulator.demo;
		if (!demo) throw new Error('no demo');
		const bot = h.emulator.defaultApp.botUserId;
		const lastId = (channel: string) => h.emulator.world.channel(channel).lastMessageId ?? undefined;
		const welcomeAfter = lastId(demo.channels.welcome as string);
		const joined = await h.control.join(h.guildId, {
			user: { username: 'first-visitor', global_name: 'First Visitor' },
		});
		const welcome = await h.control.waitForMessage(demo.channels.welcome as string, {
			...(welcomeAfter ? { after: welcomeAfter } : {}),
			authorId: bot,
		});
		expect(welcome.content).toContain(`<@${joined.user.id}>`);
		await waitUntil(async () => (await h.control.dms(joined.user.id)).length === 1);
		await waitUntil(
			() =>
				h.emulator.world
					.guild(h.guildId)
					.members.get(joined.user.id)
					?.roles.includes(demo.roles.Member as string) ?? false,
		);
		const goodbyeAfter = lastId(demo.channels.goodbye as string);
		await h.control.leave(h.guildId, joined.user.id);
		const goodbye = await h.control.waitForMessage(demo.channels.goodbye as string, {
			...(goodbyeAfter ? { after: goodbyeAfter } : {}),
			authorId: bot,
		});
		expect(goodbye.content).toContain('First Visitor');
	});

	it('applies the defaults again without duplicating the auto role', async () => {
		await applySandboxDefaults(h.foyer, h.emulator);
		const demo = h.emulator.demo;
		const answer = await h.control.command({
			channel_id: demo?.channels.general as string,
			user_id: demo?.owner.id as string,
			command: 'autoroles list',
		});
		const content = String((answer.reply as { content?: string } | undefined)?.content ?? '');
		expect(content.split(`<@&${demo?.roles.Member}>`)).toHaveLength(2);
	});

	it('gates the simulated joins at #verification: one verification message with a button, the Unverified role on join', async () => {
		const demo = h.emulator.demo;
		if (!demo) throw new Error('no demo');
		const bot = h.emulator.defaultApp.botUserId;
		const channel = demo.channels.verification as string;
		await waitUntil(() => [...h.emulator.world.channel(channel).messages.values()].some((m) => m.authorId === bot));
		const joined = await h.control.join(h.guildId, { user: { username: 'gated-visitor' } });
		await waitUntil(
			() =>
				h.emulator.world
					.guild(h.guildId)
					.members.get(joined.user.id)
					?.roles.includes(demo.roles.Unverified as string) ?? false,
		);
		await applySandboxDefaults(h.foyer, h.emulator);
		expect([...h.emulator.world.channel(channel).messages.values()].filter((m) => m.authorId === bot)).toHaveLength(1);
	});
});
