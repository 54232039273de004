import { Command } from '@sapphire/framework';
import { MessageFlags } from 'discord.js';
import plugin from '../plugin.ts';

/** `/hello-world`: the greeting from the settings, and how many members joined so far. */
export class HelloWorldCommand extends Command {
	override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((b) => b.setName('hello-world').setDescription('Say hello'));
	}

	override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
		if (!interaction.inCachedGuild()) return interaction.reply({ content: 'Use this in a server.' });
		const { greeting } = plugin.settings(interaction.guildId);
		const { joins = 0 } = await plugin.counters.read(interaction.guildId);
		return interaction.reply({
			content: `${greeting}, ${interaction.member.displayName}! Members who joined so far: ${joins}.`,
			flags: MessageFlags.Ephemeral,
			// Member names are member-controlled text: never let them ping anyone.
			allowedMentions: { parse: [] },
		});
	}
}
