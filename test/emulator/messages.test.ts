import {
	ActionRowBuilder,
	ButtonBuilder,
	ButtonStyle,
	EmbedBuilder,
	Events,
	type Message,
	MessageFlags,
	MessageType,
	PermissionFlagsBits as P,
	Routes,
	type TextChannel,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.ts';
import { apiError, formErrorCodes, next, Scene } from './messages-helpers.ts';

describe('sending messages through discord.js', () => {
	let scene: Scene;
	let general: TextChannel;

	beforeAll(async () => {
		scene = await Scene.start(await Emulator.start({ demo: true }));
		general = scene.client.channels.cache.get(scene.demo.channels.general as string) as TextChannel;
	});
	afterAll(async () => {
		await scene?.close();
	});

	const stored = (m: Message) => scene.world.message(m.channelId, m.id);

	it('round-trips content, embeds and components through send, the messageCreate event and a fetch', async () => {
		const created = next<Message>(scene.client, Events.MessageCreate, (m: Message) => m.content === 'round trip');
		const sent = await general.send({
			content: 'round trip',
			embeds: [
				new EmbedBuilder()
					.setTitle('Title')
					.setDescription('Description')
					.addFields({ name: 'field', value: 'value' })
					.setColor(0x2ecc71),
			],
			components: [
				new ActionRowBuilder<ButtonBuilder>().addComponents(
					new ButtonBuilder().setCustomId('ok').setLabel('OK').setStyle(ButtonStyle.Primary),
				),
			],
		});
		expect(sent.author.id).toBe(scene.botId);
		expect(sent.embeds[0]?.title).toBe('Title');
		expect(sent.embeds[0]?.fields).toEqual([{ name: 'field', value: 'value', inline: false }]);
		expect(sent.embeds[0]?.color).toBe(0x2ecc71);
		expect(sent.components[0]?.toJSON()).toMatchObject({
			type: 1,
			components: [{ type: 2, custom_id: 'ok', label: 'OK', style: ButtonStyle.Primary }],
		});

		const event = await created;
		expect(event.id).toBe(sent.id);
		expect(event.embeds[0]?.description).toBe('Description');

		const fetched = await general.messages.fetch({ message: sent.id, force: true });
		expect(fetched.embeds[0]?.toJSON()).toEqual(sent.embeds[0]?.toJSON());
		expect(fetched.components[0]?.toJSON()).toEqual(sent.components[0]?.toJSON());
	});

	it('accepts 2000 characters and rejects 2001 with 50035 on content', async () => {
		await expect(general.send('x'.repeat(2000))).resolves.toBeDefined();
		const error = await apiError(general.send('x'.repeat(2001)));
		expect(error.code).toBe(50035);
		expect(error.status).toBe(400);
		expect(formErrorCodes(error, 'content')).toEqual(['BASE_TYPE_MAX_LENGTH']);
	});

	it('rejects embeds over a limit with 50035 naming the field', async () => {
		const title = await apiError(general.send({ embeds: [{ title: 't'.repeat(257) }] }));
		expect(title.code).toBe(50035);
		expect(formErrorCodes(title, 'embeds.0.title')).toEqual(['BASE_TYPE_MAX_LENGTH']);

		const fields = Array.from({ length: 26 }, (_, i) => ({ name: `f${i}`, value: 'v' }));
		const tooMany = await apiError(general.send({ embeds: [{ title: 'ok' }, { fields }] }));
		expect(formErrorCodes(tooMany, 'embeds.1.fields')).toEqual(['BASE_TYPE_MAX_LENGTH']);

		const value = await apiError(general.send({ embeds: [{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }] }));
		expect(formErrorCodes(value, 'embeds.0.fields.0.value')).toEqual(['BASE_TYPE_MAX_LENGTH']);

		const total = await apiError(
			general.send({ embeds: [{ description: 'd'.repeat(4000) }, { description: 'd'.repeat(2001) }] }),
		);
		expect(formErrorCodes(total, 'embeds')).toEqual(['MAX_EMBED_SIZE_EXCEEDED']);

		const eleven = await apiError(general.send({ embeds: Array.from({ length: 11 }, () => ({ title: 'e' })) }));
		expect(formErrorCodes(eleven, 'embeds')).toEqual(['BASE_TYPE_MAX_LENGTH']);
	});

	it('rejects components that break the layout rules with 50035', async () => {
		const button = (id: string) => ({ type: 2, style: ButtonStyle.Primary, custom_id: id, label: id });
		const duplicate = await apiError(
			general.send({ components: [{ type: 1, components: [button('a'), button('a')] }] }),
		);
		expect(formErrorCodes(duplicate, 'components.0.components.1.custom_id')).toEqual([
			'COMPONENT_CUSTOM_ID_DUPLICATED',
		]);

		const rows = Array.from({ length: 6 }, (_, i) => ({ type: 1, components: [button(`b${i}`)] }));
		const sixRows = await apiError(general.send({ content: 'rows', components: rows }));
		expect(formErrorCodes(sixRows, 'components')).toEqual(['BASE_TYPE_MAX_LENGTH']);

		const bare = await apiError(general.send({ components: [button('top') as never] }));
		expect(formErrorCodes(bare, 'components.0.type')).toEqual(['UNION_TYPE_CHOICES']);
	});

	it('rejects a message with nothing to show with 50006, but a files-only message is sent', async () => {
		expect((await apiError(general.send({ content: '' }))).code).toBe(50006);
		expect((await apiError(general.send({ content: '   ' }))).code).toBe(50006);
		const withFile = await general.send({ files: [{ attachment: Buffer.from('hello'), name: 'hello.txt' }] });
		expect(withFile.content).toBe('');
	});

	it('accepts SuppressNotifications and ignores nonce and tts, but rejects flags a bot cannot set', async () => {
		const quiet = await general.send({
			content: 'quiet',
			flags: MessageFlags.SuppressNotifications,
			nonce: '42',
			tts: true,
		});
		expect(quiet.flags.has(MessageFlags.SuppressNotifications)).toBe(true);
		expect(quiet.tts).toBe(false);
		const error = await apiError(general.send({ content: 'ephemeral?', flags: MessageFlags.Ephemeral as never }));
		expect(error.code).toBe(50035);
		expect(formErrorCodes(error, 'flags')).toEqual(['MESSAGE_FLAGS_INVALID']);
	});

	it('answers 50013 without Send Messages and 50001 without View Channel', async () => {
		const muted = await scene.channel('muted', [scene.botRoleOverwrite(P.SendMessages)]);
		const denied = await apiError(muted.send('hello?'));
		expect(denied.code).toBe(50013);
		expect(denied.status).toBe(403);

		const hidden = await scene.channel('hidden', [scene.botRoleOverwrite(P.ViewChannel)]);
		expect((await apiError(hidden.send('hello?'))).code).toBe(50001);
	});

	it('drops embeds silently where the bot lacks Embed Links', async () => {
		const plain = await scene.channel('no-embeds', [scene.botRoleOverwrite(P.EmbedLinks)]);
		const sent = await plain.send({ content: 'with an embed', embeds: [{ title: 'dropped' }] });
		expect(sent.embeds).toHaveLength(0);
		expect(stored(sent).embeds).toEqual([]);
	});

	it('answers 10003 for an unknown channel and 50008 for a category', async () => {
		const unknown = await apiError(scene.client.rest.post(Routes.channelMessages('1'), { body: { content: 'x' } }));
		expect(unknown.code).toBe(10003);
		const category = [...scene.demo.guild.channels].find((id) => scene.world.channel(id).type === 4) as string;
		const error = await apiError(scene.client.rest.post(Routes.channelMessages(category), { body: { content: 'x' } }));
		expect(error.code).toBe(50008);
	});

	describe('direct messages', () => {
		it('delivers user.send to an open DM and stores the message there', async () => {
			const user = await scene.client.users.fetch(scene.demo.member.id);
			const sent = await user.send('hello in private');
			const channel = scene.world.channel(sent.channelId);
			expect(channel.recipients).toEqual(expect.arrayContaining([scene.botId, scene.demo.member.id]));
			expect(channel.messages.get(sent.id)?.content).toBe('hello in private');
		});

		it('rejects with 50007 when the user has closed their DMs', async () => {
			const closed = scene.world.createUser({ username: 'closed-dms' });
			scene.world.user(closed.id).dmsOpen = false;
			const user = await scene.client.users.fetch(closed.id);
			const error = await apiError(user.send('are you there?'));
			expect(error.code).toBe(50007);
			expect(error.status).toBe(403);
		});

		it('rejects with 50007 when the recipient is another bot', async () => {
			const other = scene.world.createUser({ username: 'other-bot', bot: true });
			const user = await scene.client.users.fetch(other.id);
			expect((await apiError(user.send('beep'))).code).toBe(50007);
		});
	});

	describe('mentions', () => {
		it('pings only the listed user when a member named "@everyone" is mentioned with allowedMentions.users', async () => {
			scene.grantBot(P.MentionEveryone);
			const trick = scene.world.createUser({ username: '@everyone' });
			scene.world.join(scene.demo.guild.id, trick.id);
			const sent = await general.send({
				content: `Welcome ${trick.username} (<@${trick.id}>)`,
				allowedMentions: { users: [trick.id] },
			});
			expect(stored(sent).pings).toEqual({ users: [trick.id], roles: [], everyone: false });
			expect(stored(sent).allowedMentions).toEqual({ users: [trick.id] });
			expect(sent.mentions.everyone).toBe(false);
			expect([...sent.mentions.users.keys()]).toEqual([trick.id]);
		});

		it('pings nobody for "@everyone" with allowedMentions.parse empty, and everyone without allowedMentions', async () => {
			scene.grantBot(P.MentionEveryone);
			const silent = await general.send({ content: '@everyone hello', allowedMentions: { parse: [] } });
			expect(stored(silent).pings).toEqual({ users: [], roles: [], everyone: false });
			expect(silent.mentions.everyone).toBe(false);

			const loud = await general.send({ content: '@everyone hello' });
			expect(stored(loud).pings.everyone).toBe(true);
			expect(loud.mentions.everyone).toBe(true);
		});

		it('rejects allowedMentions that parse users and list users at once with 50035', async () => {
			const error = await apiError(
				general.send({ content: 'hi', allowedMentions: { parse: ['users'], users: [scene.demo.member.id] } }),
			);
			expect(error.code).toBe(50035);
			expect(formErrorCodes(error, 'allowed_mentions')).toEqual(['MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE']);
		});
	});

	describe('replies', () => {
		it('replies to a message, pinging its author by default and not with repliedUser false', async () => {
			const original = await scene.userMessage(general.id, scene.demo.member.id, 'reply to me');
			const message = await general.messages.fetch(original.id);
			const reply = await message.reply('here is a reply');
			expect(reply.type).toBe(MessageType.Reply);
			expect(reply.reference?.messageId).toBe(original.id);
			expect(stored(reply).pings.users).toEqual([scene.demo.member.id]);

			const quiet = await message.reply({ content: 'quiet reply', allowedMentions: { repliedUser: false } });
			expect(stored(quiet).pings.users).toEqual([]);
		});

		it('rejects a reply to an unknown message with 50035 unless failIfNotExists is false', async () => {
			const missing = '1234567890123456789';
			const error = await apiError(general.send({ content: 'reply', reply: { messageReference: missing } }));
			expect(error.code).toBe(50035);
			expect(formErrorCodes(error, 'message_reference')).toEqual(['REPLIES_UNKNOWN_MESSAGE']);

			const plain = await general.send({
				content: 'plain after all',
				reply: { messageReference: missing, failIfNotExists: false },
			});
			expect(plain.type).toBe(MessageType.Default);
			expect(plain.reference).toBeNull();
		});
	});
});
