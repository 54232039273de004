import {
	type DashboardClient,
	describeOnBackends,
	type SeenMessage,
	startTestFoyer,
	type TestFoyer,
} from 'foyer/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import plugin from '../plugin.ts';

describeOnBackends('suggestion box: /suggest and votes', (backend) => {
	let h: TestFoyer;
	/** Members who vote, joined once. */
	let voters: string[];

	/** Posts a suggestion as the demo member; resolves the post members vote under. */
	const suggest = async (idea: string, channel = 'general'): Promise<SeenMessage> => {
		const watch = await h.watch(channel);
		const reply = await h.command(h.demo.memberId, 'suggest', { idea });
		expect(reply.content).toMatch(/^Posted suggestion #\d+ in <#\d+>/);
		const post = await watch.next();
		// Foyer's own 👍 and 👎 come right after the post.
		await h.waitFor(async () => ((await h.message(channel, post.id))?.reactions.length ?? 0) === 2, 'the vote buttons');
		return post;
	};
	/** The owner's dashboard, logged in once per Foyer (logins are rate limited). */
	let owner: { foyer: unknown; client: DashboardClient } | null = null;
	const dashboard = async () => {
		if (owner?.foyer !== h.foyer) owner = { foyer: h.foyer, client: await h.dashboard() };
		return owner.client;
	};
	const figures = async () => {
		const html = await (await (await dashboard()).page(`/${plugin.id}/${h.guildId}`)).text();
		return [...html.matchAll(/<tr data-suggestion="(\d+)">[\s\S]*?<\/tr>/g)].map((m) => {
			const cells = [...(m[0] ?? '').matchAll(/<td>([^<]*)/g)].map((c) => c[1]);
			return { id: Number(m[1]), up: Number(cells[3]), down: Number(cells[4]), status: cells[5] };
		});
	};
	const votesOf = async (id: number) => (await figures()).find((f) => f.id === id);

	beforeAll(async () => {
		h = await startTestFoyer({ plugins: [new URL('..', import.meta.url)], backend });
		voters = await Promise.all([1, 2, 3].map((i) => h.join(`voter-${i}`)));
	});
	afterAll(async () => {
		await h?.stop();
		await backend.cleanup();
	});

	it('posts the idea in the system channel with 👍 and 👎 to vote on, and tells the member its number', async () => {
		const watch = await h.watch('general');
		const reply = await h.command(h.demo.memberId, 'suggest', { idea: 'A channel for pets' });
		expect(reply.ephemeral).toBe(true);
		expect(reply.content).toBe(`Posted suggestion #1 in <#${h.channel('general')}>: members can vote on it now.`);
		const post = await watch.next();
		expect(post.embeds[0]).toMatchObject({
			title: 'Suggestion #1',
			description: 'A channel for pets',
			footer: { text: 'Suggested by Demo Member · vote with 👍 or 👎' },
		});
		await h.waitFor(async () => ((await h.message('general', post.id))?.reactions.length ?? 0) === 2, 'the votes');
		expect((await h.message('general', post.id))?.reactions).toEqual([
			{ emoji: '👍', count: 1 },
			{ emoji: '👎', count: 1 },
		]);
		// Foyer's own reactions are not votes.
		expect(await votesOf(1)).toEqual({ id: 1, up: 0, down: 0, status: 'open' });
		expect((await plugin.counters.read(h.guildId)).posted).toBe(1);
	});

	it('counts the members’ votes, not Foyer’s, and follows votes taken back', async () => {
		const post = await suggest('Movie nights on Fridays');
		const id = Number(post.embeds[0]?.title?.toString().match(/#(\d+)/)?.[1]);
		for (const voter of voters) await h.react(post, voter, '👍');
		await h.react(post, h.demo.adminId, '👎');
		await h.waitFor(async () => (await votesOf(id))?.up === 3 && (await votesOf(id))?.down === 1, '3 up and 1 down');
		await h.unreact(post, voters[0] as string, '👍');
		await h.waitFor(async () => (await votesOf(id))?.up === 2, 'a vote taken back');
		// Other emoji are not votes.
		await h.react(post, voters[1] as string, '🎉');
		await h.react(post, voters[1] as string, '👎');
		await h.waitFor(async () => (await votesOf(id))?.down === 2, 'the second down vote');
		expect(await votesOf(id)).toEqual({ id, up: 2, down: 2, status: 'open' });
	});

	it('pings nobody, whatever the idea says', async () => {
		const post = await suggest(`Ping @everyone and <@${h.demo.ownerId}> for <@&${h.role('Member')}>`);
		expect([post.pings, post.pingedRoles, post.pingedEveryone]).toEqual([[], [], false]);
		expect(post.embeds[0]?.description).toBe(`Ping @everyone and <@${h.demo.ownerId}> for <@&${h.role('Member')}>`);
	});

	it('posts in the channel chosen in the settings, and refuses one Foyer cannot post in, storing nothing', async () => {
		const ideas = await h.createChannel('ideas');
		expect((await plugin.updateSettings(h.guildId, { channel: ideas })).ok).toBe(true);
		await suggest('Weekly quiz', ideas);
		const closed = await h.createChannel('closed-ideas');
		expect((await plugin.updateSettings(h.guildId, { channel: closed })).ok).toBe(true);
		await h.denyInChannel(closed, ['SendMessages']);
		const before = (await figures()).length;
		const refused = await h.command(h.demo.memberId, 'suggest', { idea: 'Nobody will see this' });
		expect(refused.content).toBe(
			'Not posted: Foyer lacks Send Messages in #closed-ideas. An admin can choose the channel in the dashboard.',
		);
		expect(await h.messages(closed)).toEqual([]);
		expect(await figures()).toHaveLength(before);
		await plugin.updateSettings(h.guildId, { channel: null });
	});

	it('refuses an idea shorter than 5 characters before it reaches Foyer (the option says so)', async () => {
		await expect(h.command(h.demo.memberId, 'suggest', { idea: 'no' })).rejects.toThrow(/idea/);
	});

	it('keeps counting votes after a restart, when the post is no longer in Foyer’s cache', async () => {
		const post = await suggest('Emoji contest');
		const id = Number(post.embeds[0]?.title?.toString().match(/#(\d+)/)?.[1]);
		await h.react(post, voters[0] as string, '👍');
		await h.waitFor(async () => (await votesOf(id))?.up === 1, 'the first vote');
		await h.restart();
		await h.react(post, voters[1] as string, '👍');
		await h.waitFor(async () => (await votesOf(id))?.up === 2, 'the vote after the restart');
		expect(h.errors()).toEqual([]);
	});
});
