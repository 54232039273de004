import { Command } from '@sapphire/framework';
import { ServiceUnavailableError } from 'foyer';
import plugin from '../plugin.ts';

/** `/kudos-total member:@someone`: asks the kudos plugin through its service. */
export class KudosTotalCommand extends Command {
	override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((b) =>
			b
				.setName('kudos-total')
				.setDescription('How many kudos a member received')
				.addUserOption((o) => o.setName('member').setDescription('Whose total').setRequired(true)),
		);
	}

	// #region service
	override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
		if (!interaction.inCachedGuild()) return interaction.reply({ content: 'Kudos are counted per server.' });
		const member = interaction.options.getUser('member', true);
		try {
			// Typed through 'foyer' (kudos/api.ts); the call waits while kudos reloads.
			const total = await plugin.service('kudos').totalOf(interaction.guildId, member.id);
			return interaction.reply({ content: `${member.username}: ${total} kudos.`, allowedMentions: { parse: [] } });
		} catch (error) {
			if (error instanceof ServiceUnavailableError)
				return interaction.reply({ content: 'Kudos are not counted right now (the kudos plugin is not loaded).' });
			throw error;
		}
	}
	// #endregion service
}
