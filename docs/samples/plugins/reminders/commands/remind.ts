import { Command } from '@sapphire/framework';
import { MessageFlags } from 'discord.js';
import plugin from '../plugin.ts';

/** `/remind minutes:<n> text:<...>`: a reminder in this channel, `n` minutes from now. */
export class RemindCommand extends Command {
	// #region localized
	override registerApplicationCommands(registry: Command.Registry) {
		registry.registerChatInputCommand((b) =>
			b
				.setName('remind')
				.setDescription(plugin.t('command.description'))
				.setDescriptionLocalizations(plugin.localizations('command.description'))
				.addIntegerOption((o) =>
					o.setName('minutes').setDescription(plugin.t('command.minutes')).setMinValue(1).setRequired(true),
				)
				.addStringOption((o) =>
					o.setName('text').setDescription(plugin.t('command.text')).setMaxLength(500).setRequired(true),
				),
		);
	}
	// #endregion localized

	// #region schedule
	override async chatInputRun(interaction: Command.ChatInputCommandInteraction) {
		const locale = interaction.locale;
		if (!interaction.inCachedGuild()) return interaction.reply({ content: plugin.t('guildOnly', { locale }) });
		const { maxMinutes, quiet } = plugin.settings(interaction.guildId); // number, boolean: typed from the schema
		const minutes = interaction.options.getInteger('minutes', true);
		const flags = quiet ? MessageFlags.Ephemeral : undefined;
		if (minutes > maxMinutes)
			return interaction.reply({ content: plugin.t('tooLong', { locale, vars: { max: maxMinutes } }), flags });
		await plugin.schedule(
			'remind',
			{
				channelId: interaction.channelId,
				userId: interaction.user.id,
				text: interaction.options.getString('text', true),
			},
			// One pending reminder per member: asking again replaces it.
			{ delayMs: minutes * 60_000, key: `member:${interaction.user.id}` },
		);
		plugin.counters.add(interaction.guildId, 'scheduled');
		return interaction.reply({ content: plugin.t('scheduled', { locale, vars: { minutes } }), flags });
	}
	// #endregion schedule
}
