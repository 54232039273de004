import { Command } from '@sapphire/framework';
import { ChannelType, InteractionContextType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { channelProblem, isAccessError, sendProblem } from '../messaging/channel-problems.ts';
import type { MemberMessageKitOptions, MemberMessagePlugin } from './member-message-plugin.ts';

/**
 * `/<command> test|channel|show` for a plugin that posts member messages (welcomes, goodbyes): shows
 * the settings, sets the channel (checked like the dashboard checks it) and sends a test, for
 * members with Manage Server. `export class WelcomeCommand extends memberMessageCommand({...}) {}`.
 */
export function memberMessageCommand<P extends MemberMessagePlugin>(options: MemberMessageKitOptions<P>) {
	const { plugin, command, noun } = options;
	const lower = noun.toLowerCase();
	return class MemberMessageCommand extends Command {
		override registerApplicationCommands(registry: Command.Registry) {
			registry.registerChatInputCommand((b) =>
				b
					.setName(command)
					.setDescription(options.description)
					.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
					.setContexts(InteractionContextType.Guild)
					.addSubcommand((s) => s.setName('test').setDescription(options.testDescription))
					.addSubcommand((s) =>
						s
							.setName('channel')
							.setDescription(`Choose where ${lower} go`)
							.addChannelOption((o) =>
								o
									.setName('channel')
									.setDescription('A text channel Foyer can write in')
									.addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement)
									.setRequired(true),
							),
					)
					.addSubcommand((s) =>
						s.setName('show').setDescription(`Show the ${lower.replace(/s$/, '')} channel and message`),
					),
			);
		}

		override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
			const reply = (content: string) =>
				interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
			if (!interaction.inCachedGuild()) return reply(`${noun} are set per server: use this in a server.`);
			// Default permissions are only a default: server admins can grant the command to anyone.
			if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild))
				return reply(`You need the Manage Server permission to change ${lower}.`);
			const guild = interaction.guild;
			const s = plugin.settings(guild.id) as ReturnType<P['settings']>;
			const sub = interaction.options.getSubcommand(true);
			if (sub === 'channel') {
				const channel = interaction.options.getChannel('channel', true);
				const problem = channelProblem(channel);
				if (problem) return reply(`Not changed: ${problem}`);
				const result = await plugin.updateSettings(guild.id, { channel: channel.id });
				if (!result.ok) return reply(`Not changed: ${Object.values(result.errors).join(' ')}`);
				return reply(`${noun} now go to <#${channel.id}>.`);
			}
			if (sub === 'show') {
				const where = s.channel ? `<#${s.channel}>` : 'the server’s system channel';
				return reply(`${noun} go to ${where}. Message:\n${s.template}`);
			}
			const problem = sendProblem(guild, s.channel);
			if (problem) return reply(`Not sent: ${problem} Choose a channel with /${command} channel.`);
			const result = await plugin.postMemberMessage(options.message(interaction.member, s)).catch((error: unknown) => {
				// Permissions can change between the check and the send: say so rather than "something went wrong".
				if (isAccessError(error)) return 'refused' as const;
				throw error;
			});
			if (result === 'refused') return reply('Not sent: Discord says Foyer may not post in that channel.');
			if (!result) return reply(`No channel Foyer can send to: choose one with /${command} channel.`);
			return reply(`Sent to <#${result.message.channelId}>.`);
		}
	};
}
