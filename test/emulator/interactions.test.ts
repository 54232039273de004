import {
	ActionRowBuilder,
	ButtonBuilder,
	ButtonStyle,
	type Client,
	MessageFlags,
	ModalBuilder,
	SlashCommandBuilder,
	TextInputBuilder,
	TextInputStyle,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlError, EmulatorControl } from '../../src/emulator/control-client.ts';
import { Emulator } from '../../src/emulator/emulator.ts';
import { connectClient } from '../../src/emulator/testing/client.ts';

describe('slash commands, buttons and modals through the control API', () => {
	let emulator: Emulator;
	let client: Client<true>;
	let control: EmulatorControl;
	let guildId: string;
	let channelId: string;
	let memberId: string;

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true });
		control = new EmulatorControl(emulator.url);
		client = await connectClient(emulator);
		const demo = emulator.demo;
		if (!demo) throw new Error('no demo');
		guildId = demo.guild.id;
		channelId = demo.channels.general as string;
		memberId = demo.member.id;
		const invite = new SlashCommandBuilder()
			.setName('invite')
			.setDescription('Invite tools')
			.addSubcommand((s) =>
				s
					.setName('view')
					.setDescription('View invites')
					.addUserOption((o) => o.setName('user').setDescription('Who')),
			)
			.addSubcommandGroup((g) =>
				g
					.setName('rank')
					.setDescription('Ranks')
					.addSubcommand((s) =>
						s
							.setName('add')
							.setDescription('Add a rank')
							.addRoleOption((o) => o.setName('role').setDescription('Role').setRequired(true))
							.addIntegerOption((o) => o.setName('invites').setDescription('Count').setRequired(true).setMinValue(1)),
					),
			);
		const admin = new SlashCommandBuilder()
			.setName('admin')
			.setDescription('Admins only')
			.setDefaultMemberPermissions('32');
		await client.application.commands.set(
			[
				invite,
				admin,
				new SlashCommandBuilder().setName('defer').setDescription('Deferred'),
				new SlashCommandBuilder().setName('panel').setDescription('Buttons'),
			],
			guildId,
		);
		client.on('interactionCreate', async (interaction) => {
			if (interaction.isChatInputCommand()) {
				if (interaction.commandName === 'invite' && interaction.options.getSubcommandGroup(false) === 'rank') {
					const role = interaction.options.getRole('role', true);
					await interaction.reply({
						content: `rank ${role.name} at ${interaction.options.getInteger('invites', true)}`,
					});
				} else if (interaction.commandName === 'invite') {
					const user = interaction.options.getUser('user') ?? interaction.user;
					await interaction.reply({ content: `<@${user.id}> has 0 invites`, allowedMentions: { users: [] } });
				} else if (interaction.commandName === 'defer') {
					await interaction.deferReply();
					await interaction.editReply('done later');
				} else if (interaction.commandName === 'panel') {
					const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
						new ButtonBuilder().setCustomId('open').setLabel('Open').setStyle(ButtonStyle.Primary),
					);
					await interaction.reply({ content: 'panel', components: [row] });
				}
			} else if (interaction.isButton()) {
				const modal = new ModalBuilder()
					.setCustomId('feedback')
					.setTitle('Feedback')
					.addComponents(
						new ActionRowBuilder<TextInputBuilder>().addComponents(
							new TextInputBuilder().setCustomId('text').setLabel('Text').setStyle(TextInputStyle.Short),
						),
					);
				await interaction.showModal(modal);
			} else if (interaction.isModalSubmit()) {
				await interaction.reply({
					content: `thanks: ${interaction.fields.getTextInputValue('text')}`,
					flags: MessageFlags.Ephemeral,
				});
			}
		});
	});

	afterAll(async () => {
		await client?.destroy();
		await emulator?.close();
	});

	it('registers guild commands with bulk overwrite and keeps ids when overwritten again', async () => {
		const first = await client.application.commands.fetch({ guildId });
		expect([...first.values()].map((c) => c.name).sort()).toEqual(['admin', 'defer', 'invite', 'panel']);
		const invite = first.find((c) => c.name === 'invite');
		const again = await client.application.commands.set([{ name: 'invite', description: 'Invite tools' }], guildId);
		expect(again.first()?.id).toBe(invite?.id);
		await client.application.commands.set([], guildId);
		expect((await client.application.commands.fetch({ guildId })).size).toBe(0);
		// restore for the other tests
		await client.application.commands.create(
			{
				name: 'invite',
				description: 'Invite tools',
				options: [
					{ type: 1, name: 'view', description: 'View' },
					{
						type: 2,
						name: 'rank',
						description: 'Ranks',
						options: [
							{
								type: 1,
								name: 'add',
								description: 'Add',
								options: [
									{ type: 8, name: 'role', description: 'Role', required: true },
									{ type: 4, name: 'invites', description: 'Count', required: true, min_value: 1 },
								],
							},
						],
					},
				],
			},
			guildId,
		);
		for (const name of ['defer', 'panel'])
			await client.application.commands.create({ name, description: name }, guildId);
		await client.application.commands.create(
			{ name: 'admin', description: 'Admins only', defaultMemberPermissions: '32' },
			guildId,
		);
	});

	it('runs a subcommand group with a role option and returns the bot reply', async () => {
		const roleId = emulator.demo?.roles.VIP as string;
		const result = await control.command({
			channel_id: channelId,
			user_id: memberId,
			command: 'invite rank add',
			options: { role: roleId, invites: 5 },
		});
		expect(result.callback_type).toBe(4);
		expect(result.reply.content).toBe('rank VIP at 5');
		expect(result.reply.interaction_metadata.user.id).toBe(memberId);
	});

	it('records that a reply with allowedMentions users:[] pinged nobody', async () => {
		const result = await control.command({ channel_id: channelId, user_id: memberId, command: 'invite view' });
		expect(result.reply.content).toBe(`<@${memberId}> has 0 invites`);
		expect(result.reply.pings).toEqual({ users: [], roles: [], everyone: false });
	});

	it('waits for a deferred reply to be edited', async () => {
		const result = await control.command({ channel_id: channelId, user_id: memberId, command: 'defer' });
		expect(result.callback_type).toBe(5);
		expect(result.reply.content).toBe('done later');
	});

	it('clicks a button, gets the modal, submits it and sees the ephemeral answer', async () => {
		const panel = await control.command({ channel_id: channelId, user_id: memberId, command: 'panel' });
		const clicked = await control.click({
			channel_id: channelId,
			message_id: panel.reply.id,
			user_id: memberId,
			custom_id: 'open',
		});
		expect(clicked.callback_type).toBe(9);
		expect(clicked.modal.custom_id).toBe('feedback');
		const submitted = await control.submitModal({ interaction_id: clicked.interaction_id, values: { text: 'great' } });
		expect(submitted.reply.content).toBe('thanks: great');
		expect(submitted.reply.ephemeral).toBe(true);
	});

	it('refuses a command the member lacks default_member_permissions for, and bad options, with a message', async () => {
		await expect(control.command({ channel_id: channelId, user_id: memberId, command: 'admin' })).rejects.toThrow(
			/lacks the permissions/,
		);
		await expect(
			control.command({
				channel_id: channelId,
				user_id: memberId,
				command: 'invite rank add',
				options: { invites: 0, role: emulator.demo?.roles.VIP as string },
			}),
		).rejects.toThrow(/at least 1/);
		await expect(
			control.command({
				channel_id: channelId,
				user_id: memberId,
				command: 'invite rank add',
				options: { invites: 2 },
			}),
		).rejects.toThrow(/"role" is required/);
		await expect(control.command({ channel_id: channelId, user_id: memberId, command: 'nope' })).rejects.toBeInstanceOf(
			ControlError,
		);
	});

	it('answers 504 when the bot never answers an interaction', async () => {
		await client.application.commands.create({ name: 'silent', description: 'never answers' }, guildId);
		const error = await control
			.command({ channel_id: channelId, user_id: memberId, command: 'silent', timeout_ms: 300 })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ControlError);
		expect((error as ControlError).status).toBe(504);
	});
});
