import { Command } from '@sapphire/framework';
import { ChannelType, InteractionContextType, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { channelProblem, isAccessError, postMemberMessage, sendProblem } from 'foyer';
import { goodbyeMessage, type LeaveSettings } from '../listeners/_goodbye-message.ts';

/** `/goodbye test|channel|show`: the leave message without the dashboard, for members with Manage Server. */
export class GoodbyeCommand extends Command {
	override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((b) =>
			b
				.setName('goodbye')
				.setDescription('Goodbye messages when members leave')
				.setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
				.setContexts(InteractionContextType.Guild)
				.addSubcommand((s) => s.setName('test').setDescription('Send the goodbye message for yourself (you stay)'))
				.addSubcommand((s) =>
					s
						.setName('channel')
						.setDescription('Choose where goodbye messages go')
						.addChannelOption((o) =>
							o
								.setName('channel')
								.setDescription('A text channel Foyer can write in')
								.addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement)
								.setRequired(true),
						),
				)
				.addSubcommand((s) => s.setName('show').setDescription('Show the goodbye channel and message')),
		);
	}

	override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
		const reply = (content: string) =>
			interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
		if (!interaction.inCachedGuild()) return reply('Goodbye messages are set per server: use this in a server.');
		// Default permissions are only a default: server admins can grant the command to anyone.
		if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild))
			return reply('You need the Manage Server permission to change goodbye messages.');
		const guild = interaction.guild;
		const s = this.container.plugins.settings('leave', guild.id) as LeaveSettings;
		const sub = interaction.options.getSubcommand(true);
		if (sub === 'channel') {
			const channel = interaction.options.getChannel('channel', true);
			const problem = channelProblem(channel);
			if (problem) return reply(`Not changed: ${problem}`);
			const result = await this.container.plugins.updateSettings('leave', guild.id, { channel: channel.id });
			if (!result.ok) return reply(`Not changed: ${Object.values(result.errors).join(' ')}`);
			return reply(`Goodbye messages now go to <#${channel.id}>.`);
		}
		if (sub === 'show') {
			const where = s.channel ? `<#${s.channel}>` : 'the server’s system channel';
			return reply(`Goodbye messages go to ${where}. Message:\n${s.template}`);
		}
		const problem = sendProblem(guild, s.channel);
		if (problem) return reply(`Not sent: ${problem} Choose a channel with /goodbye channel.`);
		const result = await postMemberMessage(goodbyeMessage(interaction.member, s)).catch((error: unknown) => {
			// Permissions can change between the check and the send: say so rather than "something went wrong".
			if (isAccessError(error)) return 'refused' as const;
			throw error;
		});
		if (result === 'refused') return reply('Not sent: Discord says Foyer may not post in that channel.');
		if (!result) return reply('No channel Foyer can send to: choose one with /goodbye channel.');
		return reply(`Sent to <#${result.message.channelId}>.`);
	}
}
