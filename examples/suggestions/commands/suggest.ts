import { Command } from '@sapphire/framework';
import { InteractionContextType, MessageFlags } from 'discord.js';
import { sendProblem } from 'foyer';
import { suggestionEmbed } from '../_post.ts';
import { createSuggestion, dropSuggestion, setPosted, VOTES } from '../_suggestions.ts';
import plugin from '../plugin.ts';

export const MAX_LENGTH = 1000;

/** `/suggest idea:<text>`: posts the idea in the suggestions channel, with 👍 and 👎 to vote. */
export class SuggestCommand extends Command {
	override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((b) =>
			b
				.setName('suggest')
				.setDescription('Suggest an idea for this server; members vote on it')
				.setContexts(InteractionContextType.Guild)
				.addStringOption((o) =>
					o
						.setName('idea')
						.setDescription('Your idea, in a few sentences')
						.setRequired(true)
						.setMinLength(5)
						.setMaxLength(MAX_LENGTH),
				),
		);
	}

	override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
		const reply = (content: string) =>
			interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
		if (!interaction.inCachedGuild()) return reply('Suggestions are per server: use this command in a server.');
		const guild = interaction.guild;
		const { channel: chosen } = plugin.settings(guild.id);
		const problem = sendProblem(guild, chosen);
		if (problem) return reply(`Not posted: ${problem} An admin can choose the channel in the dashboard.`);
		const channel = chosen ? guild.channels.cache.get(chosen) : guild.systemChannel;
		if (!channel?.isSendable()) return reply('Not posted: the suggestions channel cannot take messages.');
		const text = interaction.options.getString('idea', true).trim();
		const row = await createSuggestion(guild.id, interaction.user.id, channel.id, text);
		try {
			const post = await channel.send({
				embeds: [suggestionEmbed(row, interaction.member.displayName)],
				allowedMentions: { parse: [] },
			});
			await setPosted(row.id, post.id);
			await post.react(VOTES.up);
			await post.react(VOTES.down);
		} catch (error) {
			await dropSuggestion(row.id);
			throw error;
		}
		plugin.counters.add(guild.id, 'posted');
		return reply(`Posted suggestion #${row.id} in <#${channel.id}>: members can vote on it now.`);
	}
}
