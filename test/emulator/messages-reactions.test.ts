import {
	Events,
	type Message,
	type MessageReaction,
	PermissionFlagsBits as P,
	Routes,
	type TextChannel,
	type User,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.ts';
import { apiError, next, Scene } from './messages-helpers.ts';

describe('reactions through discord.js', () => {
	let scene: Scene;
	let general: TextChannel;

	beforeAll(async () => {
		scene = await Scene.start(await Emulator.start({ demo: true }));
		general = scene.client.channels.cache.get(scene.demo.channels.general as string) as TextChannel;
	});
	afterAll(async () => {
		await scene?.close();
	});

	const isOn = (message: Message) => (reaction: MessageReaction) => reaction.message.id === message.id;

	it('adds a reaction that arrives as messageReactionAdd and lists the bot among the users', async () => {
		const message = await general.send('react to me');
		const added = next<MessageReaction>(scene.client, Events.MessageReactionAdd, isOn(message));
		await message.react('👍');
		const reaction = await added;
		expect(reaction.emoji.name).toBe('👍');
		const users = await reaction.users.fetch();
		expect([...users.keys()]).toEqual([scene.botId]);
		expect(scene.world.message(general.id, message.id).reactions.get('👍')?.users.has(scene.botId)).toBe(true);
	});

	it('removes the bot’s own reaction, announced as messageReactionRemove', async () => {
		const message = await general.send('react and undo');
		const reaction = await message.react('🎉');
		const removed = next<MessageReaction>(scene.client, Events.MessageReactionRemove, isOn(message));
		await reaction.users.remove(scene.botId);
		expect((await removed).emoji.name).toBe('🎉');
		expect(scene.world.message(general.id, message.id).reactions.size).toBe(0);
	});

	it('accepts composed unicode emojis (skin tones, flags, keycaps)', async () => {
		const message = await general.send('composed');
		for (const emoji of ['👍🏽', '🇫🇷', '1️⃣', '❤️']) await message.react(emoji);
		expect([...scene.world.message(general.id, message.id).reactions.keys()]).toEqual(['👍🏽', '🇫🇷', '1️⃣', '❤️']);
	});

	it('answers 10014 for a custom emoji (the emulator has none) and for text that is not an emoji', async () => {
		const message = await general.send('unknown emoji');
		const custom = await apiError(message.react('<:party:123456789012345678>'));
		expect(custom.code).toBe(10014);
		const route = Routes.channelMessageOwnReaction(general.id, message.id, encodeURIComponent('hello'));
		expect((await apiError(scene.client.rest.put(route))).code).toBe(10014);
	});

	it('needs Add Reactions for a new emoji but not to join an existing one', async () => {
		const quiet = await scene.channel('no-reactions', [scene.botRoleOverwrite(P.AddReactions)]);
		const theirs = await scene.userMessage(quiet.id, scene.demo.member.id, 'I reacted first');
		scene.world.addReaction(quiet.id, theirs.id, scene.demo.member.id, { id: null, name: '✅' });
		const message = await quiet.messages.fetch(theirs.id);
		expect((await apiError(message.react('❌'))).code).toBe(50013);
		await expect(message.react('✅')).resolves.toBeDefined();
		expect(scene.world.message(quiet.id, theirs.id).reactions.get('✅')?.users.size).toBe(2);
	});

	it('needs Read Message History to react at all (50013)', async () => {
		const blind = await scene.channel('no-history', [scene.botRoleOverwrite(P.ReadMessageHistory)]);
		const message = await blind.send('cannot read back');
		expect((await apiError(message.react('👀'))).code).toBe(50013);
	});

	it('needs Manage Messages to remove another user’s reaction', async () => {
		const guarded = await scene.channel('no-manage', [scene.botRoleOverwrite(P.ManageMessages)]);
		const message = await guarded.send('their reaction stays');
		const added = next<MessageReaction>(scene.client, Events.MessageReactionAdd, isOn(message));
		scene.world.addReaction(guarded.id, message.id, scene.demo.member.id, { id: null, name: '🙂' });
		const reaction = await added;
		expect((await apiError(reaction.users.remove(scene.demo.member.id))).code).toBe(50013);

		const inGeneral = await general.send('their reaction goes');
		const seen = next<MessageReaction>(scene.client, Events.MessageReactionAdd, isOn(inGeneral));
		scene.world.addReaction(general.id, inGeneral.id, scene.demo.member.id, { id: null, name: '🙂' });
		const removed = next<User>(
			scene.client,
			Events.MessageReactionRemove,
			(_r: MessageReaction, user: User) => user.id === scene.demo.member.id,
		);
		await (await seen).users.remove(scene.demo.member.id);
		await removed;
	});

	it('clears one emoji (messageReactionRemoveEmoji) and then all reactions (messageReactionRemoveAll)', async () => {
		const message = await general.send('clear me');
		await message.react('🍎');
		await message.react('🍐');
		const oneGone = next<MessageReaction>(scene.client, Events.MessageReactionRemoveEmoji, isOn(message));
		await message.reactions.cache.get('🍎')?.remove();
		expect((await oneGone).emoji.name).toBe('🍎');
		expect([...scene.world.message(general.id, message.id).reactions.keys()]).toEqual(['🍐']);

		const allGone = next<Message>(scene.client, Events.MessageReactionRemoveAll, (m: Message) => m.id === message.id);
		await message.reactions.removeAll();
		await allGone;
		expect(scene.world.message(general.id, message.id).reactions.size).toBe(0);
	});

	it('refuses a 21st distinct emoji with 30010', async () => {
		const message = await general.send('twenty emojis');
		const emojis = [...'😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙🥲😚🙂'];
		for (const emoji of emojis) await message.react(emoji);
		const error = await apiError(message.react('🤗'));
		expect(error.code).toBe(30010);
		expect(scene.world.message(general.id, message.id).reactions.size).toBe(20);
	});

	it('pages the users of a reaction with limit and after', async () => {
		const message = await general.send('crowd');
		const userIds = [scene.demo.owner.id, scene.demo.admin.id, scene.demo.member.id].sort((a, b) =>
			BigInt(a) < BigInt(b) ? -1 : 1,
		);
		for (const id of userIds) scene.world.addReaction(general.id, message.id, id, { id: null, name: '⭐' });
		const route = Routes.channelMessageReaction(general.id, message.id, encodeURIComponent('⭐'));
		const page = (await scene.client.rest.get(route, { query: new URLSearchParams({ limit: '2' }) })) as User[];
		expect(page.map((u) => u.id)).toEqual(userIds.slice(0, 2));
		const rest = (await scene.client.rest.get(route, {
			query: new URLSearchParams({ after: userIds[1] as string }),
		})) as User[];
		expect(rest.map((u) => u.id)).toEqual(userIds.slice(2));
	});
});
