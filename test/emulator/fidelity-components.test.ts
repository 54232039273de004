import { type Client, MessageFlags, SlashCommandBuilder, type TextChannel } from 'discord.js';
import { RESTJSONErrorCodes as C, ComponentType as T } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { Emulator } from '../../src/emulator/emulator.ts';
import type { SeedResult } from '../../src/emulator/seed.ts';
import { connectClient } from '../../src/emulator/testing/client.ts';
import { expectApiError } from './guilds-helpers.ts';

/** The 2026 components (Components reference): ids, Components V2 layouts, modals with Labels. */
describe('components as Discord has them in 2026', () => {
	let emulator: Emulator;
	let control: EmulatorControl;
	let client: Client<true>;
	let demo: SeedResult;
	let channel: TextChannel;
	let answers: Record<string, unknown> = {};

	beforeAll(async () => {
		emulator = await Emulator.start({ demo: true });
		control = new EmulatorControl(emulator.url);
		client = await connectClient(emulator);
		demo = emulator.demo as SeedResult;
		channel = client.channels.cache.get(demo.channels.verification as string) as TextChannel;
		await client.application.commands.set(
			[new SlashCommandBuilder().setName('captcha').setDescription('Prove you are human')],
			demo.guild.id,
		);
		client.on('interactionCreate', async (interaction) => {
			if (interaction.isChatInputCommand())
				await interaction.showModal({
					custom_id: 'captcha',
					title: 'Verification',
					components: [
						{ type: T.TextDisplay, content: 'Type the word you see: **foyer**' },
						{
							type: T.Label,
							label: 'The word',
							component: { type: T.TextInput, custom_id: 'word', style: 1, min_length: 1, max_length: 20 },
						},
						{
							type: T.Label,
							label: 'Your favourite colour',
							component: {
								type: T.StringSelect,
								custom_id: 'colour',
								options: [
									{ label: 'Red', value: 'red' },
									{ label: 'Blue', value: 'blue' },
								],
							},
						},
						{ type: T.Label, label: 'I accept the rules', component: { type: T.Checkbox, custom_id: 'rules' } },
					],
				} as never);
			else if (interaction.isModalSubmit()) {
				answers = {
					word: interaction.fields.getTextInputValue('word'),
					colour: interaction.fields.getStringSelectValues('colour'),
					rules: interaction.fields.getCheckbox('rules'),
				};
				await interaction.reply({ content: 'verified', flags: MessageFlags.Ephemeral });
			}
		});
	});
	afterAll(async () => {
		await client?.destroy();
		await emulator?.close();
	});

	it('numbers every component of a sent message depth first, keeping ids the bot chose', async () => {
		const sent = await channel.send({
			content: 'pick',
			components: [
				{
					type: T.ActionRow,
					components: [
						{ type: T.Button, style: 1, custom_id: 'a', label: 'A' },
						{ type: T.Button, style: 2, custom_id: 'b', label: 'B', id: 2 },
					],
				},
			],
		});
		const row = sent.components[0]?.toJSON() as { id: number; components: { id: number }[] };
		expect(row.id).toBe(1);
		expect(row.components.map((c) => c.id)).toEqual([3, 2]);
		const fetched = await channel.messages.fetch({ message: sent.id, force: true });
		expect((fetched.components[0]?.toJSON() as { id: number } | undefined)?.id).toBe(1);
	});

	it('accepts a Components V2 message (container, section, text display) and renders it back with ids', async () => {
		const sent = await channel.send({
			flags: MessageFlags.IsComponentsV2,
			components: [
				{
					type: T.Container,
					accent_color: 0x2ecc71,
					components: [
						{ type: T.TextDisplay, content: '## Welcome' },
						{
							type: T.Section,
							components: [{ type: T.TextDisplay, content: 'Press to verify' }],
							accessory: { type: T.Button, style: 3, custom_id: 'verify', label: 'Verify' },
						},
					],
				},
			],
		} as never);
		expect(sent.flags.has(MessageFlags.IsComponentsV2)).toBe(true);
		const container = sent.components[0]?.toJSON() as {
			type: number;
			id: number;
			components: { type: number; id: number; accessory?: { id: number } }[];
		};
		expect(container.type).toBe(T.Container);
		expect(container.components.map((c) => [c.type, c.id])).toEqual([
			[T.TextDisplay, 2],
			[T.Section, 3],
		]);
		expect(container.components[1]?.accessory?.id).toBe(5);
		await expectApiError(
			channel.send({
				content: 'not allowed with V2',
				flags: MessageFlags.IsComponentsV2,
				components: [{ type: T.TextDisplay, content: 'x' }],
			} as never),
			C.InvalidFormBodyOrContentType,
			400,
		);
	});

	it('opens a modal of Labels (text input, string select, checkbox) and delivers the answers to discord.js', async () => {
		const opened = await control.command({ channel_id: channel.id, user_id: demo.member.id, command: 'captcha' });
		expect(opened.callback_type).toBe(9);
		expect(opened.modal.components.map((c: { type: number; id: number }) => [c.type, c.id])).toEqual([
			[T.TextDisplay, 1],
			[T.Label, 2],
			[T.Label, 4],
			[T.Label, 6],
		]);
		const done = await control.submitModal({
			interaction_id: opened.interaction_id,
			values: { word: 'foyer', colour: ['blue'], rules: true } as never,
		});
		expect(done.reply.content).toBe('verified');
		expect(answers).toEqual({ word: 'foyer', colour: ['blue'], rules: true });
	});

	it('refuses a modal submit whose values do not fit the inputs, naming the field', async () => {
		const opened = await control.command({ channel_id: channel.id, user_id: demo.member.id, command: 'captcha' });
		const wrong = await control
			.submitModal({
				interaction_id: opened.interaction_id,
				values: { word: 'x', colour: 'blue', rules: true } as never,
			})
			.catch((e) => e);
		expect(wrong.status).toBe(400);
		expect(wrong.body.message).toContain('colour');
		const unoffered = await control
			.submitModal({
				interaction_id: opened.interaction_id,
				values: { word: 'x', colour: ['green'], rules: true } as never,
			})
			.catch((e) => e);
		expect(unoffered.status).toBe(400);
		expect(unoffered.body.message).toContain('green');
	});
});
